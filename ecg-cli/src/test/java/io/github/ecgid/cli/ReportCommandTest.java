package io.github.ecgid.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ecgid.core.EcgRecord;
import io.github.ecgid.core.io.PlainCsvWriter;
import io.github.ecgid.core.synth.SyntheticCohort;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private Path csv() {
        EcgRecord rec = SyntheticCohort.of(2, 5).withSessions(1).withDurationSeconds(40).recording(1, 1).record();
        Path f = dir.resolve("person.csv");
        PlainCsvWriter.write(rec, f);
        return f;
    }

    @Test
    void writesAReportWithSignalBeatsAndHrvAndTheNarrativeOffNote() throws Exception {
        Path out = dir.resolve("r.html");
        CliRun r = run("report", csv().toString(), "--fs", "250", "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Report: ").contains("r.html");
        assertThat(r.err()).contains("R-peaks");
        String html = Files.readString(out);
        assertThat(html).contains("<svg class=\"signal\"", "<svg class=\"beats\"", "<svg class=\"tachogram\"",
                "HRV_RMSSD", "The AI narrative is off").doesNotContain("src=\"http", "href=\"http");
    }

    @Test
    void narrativeWithoutKeySaysItIsOff() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("DEEPSEEK_API_KEY") == null
                && System.getenv("ECGID_LLM_API_KEY") == null, "an API key is set in this environment");
        Path out = dir.resolve("n.html");
        CliRun r = run("report", csv().toString(), "--fs", "250", "--out", out.toString(), "--narrative");
        assertThat(r.exit()).isZero();
        assertThat(r.err()).contains("neither DEEPSEEK_API_KEY nor ECGID_LLM_API_KEY is set");
        assertThat(Files.readString(out)).contains("--narrative was given but no API key was set");
    }

    @Test
    void missingFileIsAOneLineErrorWithExitOne() {
        CliRun r = run("report", dir.resolve("nope.csv").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("nope.csv");
    }
}
