package io.github.ecgid.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** A command that runs out of memory or stack ends with one line and a non-zero exit, not a stack trace. */
class ErrorHandlerTest {

    @Command(name = "boom")
    static final class Boom implements Runnable {
        @Option(names = "--what")
        String what = "oom";

        @Option(names = "--verbose")
        boolean verbose;

        @Override
        public void run() {
            switch (what) {
                case "oom" -> throw new OutOfMemoryError("Java heap space");
                case "stack" -> recurse(0);
                case "npe" -> throw new NullPointerException("oops");
                case "gap" -> throw new io.github.ecgid.signal.preprocess.SampleGapException("use a method",
                        new io.github.ecgid.signal.preprocess.SampleGap(500, 750), 0.2, 250);
                default -> throw new AssertionError(what);
            }
        }

        private static int recurse(int depth) {
            return recurse(depth + 1) + 1;
        }
    }

    private static CliRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = EcgidCommand.withErrorConventions(new CommandLine(new Boom()));
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new CliRun(exit, out.toString(), err.toString());
    }

    @Test
    void anOutOfMemoryErrorPrintsOneLineAndExitsNonZero() {
        CliRun r = run("--what", "oom");

        assertThat(r.exit()).isEqualTo(ErrorHandler.EXIT_INTERNAL);
        assertThat(r.err().strip()).startsWith("ecgid: out of memory (Java heap space)").contains("-Xmx")
                .doesNotContain("\n").doesNotContain("\tat ");
    }

    @Test
    void aStackOverflowPrintsOneLineAndExitsNonZero() {
        CliRun r = run("--what", "stack");

        assertThat(r.exit()).isEqualTo(ErrorHandler.EXIT_INTERNAL);
        assertThat(r.err().strip()).startsWith("ecgid: stack overflow").doesNotContain("\n");
    }

    @Test
    void anUnexpectedExceptionPrintsOneLineWithoutVerbose() {
        CliRun r = run("--what", "npe");

        assertThat(r.exit()).isEqualTo(ErrorHandler.EXIT_INTERNAL);
        assertThat(r.err().strip()).startsWith("ecgid: unexpected error: java.lang.NullPointerException: oops")
                .contains("--verbose").doesNotContain("\n");
    }

    @Test
    void verbosePrintsTheErrorsStackTrace() {
        CliRun r = run("--what", "oom", "--verbose");

        assertThat(r.exit()).isEqualTo(ErrorHandler.EXIT_INTERNAL);
        assertThat(r.err()).contains("java.lang.OutOfMemoryError: Java heap space").contains("\tat ");
    }

    @Command(name = "gapped")
    static final class Gapped implements Runnable {
        @Option(names = "--max-gap-seconds")
        double maxGap = 0.2;

        @Option(names = "--start")
        double start;

        @Override
        public void run() {
            throw new io.github.ecgid.signal.preprocess.SampleGapException("use interpolateGapsUpTo(seconds)",
                    new io.github.ecgid.signal.preprocess.SampleGap(500, 750), 0.2, 250);
        }
    }

    @Test
    void aGapTooLongToBridgeNamesTheCommandsOptionNotAJavaMethod() {
        StringWriter err = new StringWriter();
        CommandLine cl = EcgidCommand.withErrorConventions(new CommandLine(new Gapped()));
        cl.setErr(new PrintWriter(err));

        int exit = cl.execute();

        assertThat(exit).isEqualTo(ErrorHandler.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("250 invalid samples in a row (1.000 s) from sample 500")
                .contains("raise --max-gap-seconds").contains("--start/--end").doesNotContain("interpolateGapsUpTo");
    }

    @Test
    void aGapInACommandWithoutTheOptionSaysWhatToDoWithoutNamingOne() {
        CliRun r = run("--what", "gap");

        assertThat(r.exit()).isEqualTo(ErrorHandler.EXIT_BAD_INPUT);
        assertThat(r.err()).contains("250 invalid samples").contains("cut the recording around the gap")
                .doesNotContain("--max-gap-seconds").doesNotContain("use a method");
    }

    @Test
    void anUnknownOptionPrintsOneLineWithASuggestionAndAHintInsteadOfTheWholeUsage() {
        CliRun r = CliRun.of("hrv", "--jsn", "x.csv");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("ecgid hrv: Unknown option: '--jsn'").contains("--json")
                .contains("Try 'ecgid hrv --help' for its options.").doesNotContain("Usage:");
    }

    @Test
    void everySubcommandsHelpListsTheExitCodes() {
        CliRun r = CliRun.of("verify", "--help");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Exit codes:").contains("3   verify: the claim was rejected");
    }

    @ParameterizedTest
    @ValueSource(strings = {"hrv", "report", "predict", "synth", "train", "identify", "identify-eval"})
    void aPowerLineOtherThan50Or60IsOneUsageLineInEveryCommandThatTakesIt(String command) {
        CliRun r = CliRun.of(command, "--power-line", "55", "x.csv");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--power-line").contains("must be 50 or 60").contains("got 55")
                .doesNotContain("Usage:");
    }
}
