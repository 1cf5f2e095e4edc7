package io.github.ecgid.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The runner's command line: ecgid's conventions for help, usage errors and exit codes (no job runs). */
class FlinkMainUsageTest {

    private record Run(int rc, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = FlinkMain.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int rc = cmd.execute(args);
        return new Run(rc, out.toString(), err.toString());
    }

    @Test
    void helpListsTheOptionsWithTheirDefaultsAndTheExitCodes() {
        Run r = run("--help");
        assertThat(r.rc()).isZero();
        assertThat(r.out()).contains("--db=DIR", "--out=FILE", "--parallelism=P", "--fail-after-seconds=S",
                "(default: 2)", "(default: 300)", "Exit codes:", "0   success", "2   bad usage");
        assertThat(r.out()).containsPattern("1 +the input or the Flink job failed");
    }

    @Test
    void anUnknownOptionPrintsOneLineASuggestionAndWhereTheOptionsAreNotTheUsage(@TempDir Path dir) {
        Run r = run("--db", dir.toString(), "--out", dir.resolve("o.jsonl").toString(), "--paralelism", "2");
        assertThat(r.rc()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("ecg-flink: Unknown options: '--paralelism', '2'")
                .contains("--parallelism")
                .endsWith("Try 'ecg-flink --help' for its options." + System.lineSeparator())
                .doesNotContain("Usage:");
    }

    @Test
    void aMissingOrInvalidOptionIsAUsageErrorWithExitCode2(@TempDir Path dir) {
        Run missing = run("--db", dir.toString());
        assertThat(missing.rc()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("ecg-flink: Missing required option: '--out=FILE'"
                + System.lineSeparator() + "Try 'ecg-flink --help' for its options." + System.lineSeparator());

        Run parallelism = run("--db", dir.toString(), "--out", dir.resolve("o.jsonl").toString(),
                "--parallelism", "0");
        assertThat(parallelism.rc()).isEqualTo(2);
        assertThat(parallelism.err()).isEqualTo("ecg-flink: --parallelism must be >= 1, got 0"
                + System.lineSeparator() + "Try 'ecg-flink --help' for its options." + System.lineSeparator());
    }

    @Test
    void aFailingRunPrintsOneLineAndExitsWith1(@TempDir Path dir) {
        Run r = run("--db", dir.resolve("no-such-folder").toString(), "--out", dir.resolve("o.jsonl").toString());
        assertThat(r.rc()).isEqualTo(1);
        assertThat(r.err()).startsWith("ecg-flink: ").doesNotContain("\tat ");
        assertThat(r.err().strip().lines()).hasSize(1);
    }
}
