package io.github.ecgid.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ecgid.core.EcgRecord;
import io.github.ecgid.core.io.PlainCsvWriter;
import io.github.ecgid.core.synth.SyntheticCohort;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardCommandTest {
    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void fileSourceServesOnLoopbackAndEndsWithTheFile() {
        EcgRecord rec = SyntheticCohort.of(2, 5).withSessions(1).withDurationSeconds(20).recording(1, 1).record();
        Path f = dir.resolve("p.csv");
        PlainCsvWriter.write(rec, f);
        CliRun r = run("dashboard", "--source", "file:" + f, "--fs", "250", "--port", "0", "--speed", "20");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("Dashboard: http://127\\.0\\.0\\.1:\\d+/");
        assertThat(r.err()).contains("ended");
    }

    @Test
    void tokenPutsARandomAccessTokenIntoThePrintedAddress() {
        EcgRecord rec = SyntheticCohort.of(2, 5).withSessions(1).withDurationSeconds(20).recording(1, 1).record();
        Path f = dir.resolve("p.csv");
        PlainCsvWriter.write(rec, f);
        CliRun r = run("dashboard", "--source", "file:" + f, "--fs", "250", "--port", "0", "--speed", "20",
                "--token");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("Dashboard: http://127\\.0\\.0\\.1:\\d+/\\?token=[0-9a-f]{32}");
    }

    @Test
    void unknownSourceIsAUsageError() {
        CliRun r = run("dashboard", "--source", "usb:3", "--port", "0");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("synthetic, file:PATH or serial:PORT");
    }
}
