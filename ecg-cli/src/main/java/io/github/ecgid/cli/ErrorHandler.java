package io.github.ecgid.cli;

import io.github.ecgid.core.EcgException;
import io.github.ecgid.signal.preprocess.SampleGapException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * Turns every failure of a command into a one-line message and a non-zero exit code; stack traces only with
 * {@code --verbose}. Library errors and bad input exit with {@value #EXIT_BAD_INPUT}; {@link Error}s the JVM
 * throws (out of memory, stack overflow), which {@link #catchingErrors} hands over, and unexpected
 * exceptions exit with {@value #EXIT_INTERNAL}.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {

    static final int EXIT_BAD_INPUT = 1;
    static final int EXIT_INTERNAL = 4;

    /**
     * Runs the last subcommand as picocli does, handing {@link Error}s to the handler inside an
     * {@link CommandLine.ExecutionException} (picocli would let them escape).
     */
    static CommandLine.IExecutionStrategy catchingErrors() {
        CommandLine.IExecutionStrategy runLast = new CommandLine.RunLast();
        return parseResult -> {
            try {
                return runLast.execute(parseResult);
            } catch (Error e) {
                throw new CommandLine.ExecutionException(parseResult.commandSpec().commandLine(), e.toString(), e);
            }
        };
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        boolean verbose = Arrays.asList(parseResult.originalArgs().toArray(new String[0])).contains("--verbose");
        Throwable shown = ex;
        int exit;
        String message;
        if (ex instanceof SampleGapException gap) {
            message = "ecgid: " + gapMessage(gap, cmd);
            exit = EXIT_BAD_INPUT;
        } else if (ex instanceof EcgException || ex instanceof UncheckedIOException
                || ex instanceof IllegalArgumentException || ex instanceof java.io.IOException) {
            message = "ecgid: " + ex.getMessage();
            exit = EXIT_BAD_INPUT;
        } else if (errorOf(ex) instanceof Error error) {
            shown = error;
            message = "ecgid: " + describe(error);
            exit = EXIT_INTERNAL;
        } else {
            message = "ecgid: unexpected error: " + ex + (verbose ? "" : " (run again with --verbose for the stack "
                    + "trace, and please report it)");
            exit = EXIT_INTERNAL;
        }
        cmd.getErr().println(message);
        if (verbose) {
            shown.printStackTrace(cmd.getErr());
        }
        cmd.getErr().flush();
        return exit;
    }

    /** A run of invalid samples too long to bridge, told in the command's own terms (its option, not a method). */
    static String gapMessage(SampleGapException e, CommandLine cmd) {
        String what = String.format(java.util.Locale.ROOT, "%d invalid samples in a row (%.3f s) from sample %d",
                e.gap().lengthSamples(), e.gapSeconds(), e.gap().startSample());
        if (cmd.getCommandSpec().findOption("--max-gap-seconds") != null) {
            return what + ", longer than --max-gap-seconds " + e.maxGapSeconds() + " bridges; raise --max-gap-seconds "
                    + "to bridge it" + (cmd.getCommandSpec().findOption("--start") != null
                    ? ", or leave the gap out with --start/--end" : "");
        }
        return what + ", longer than the " + e.maxGapSeconds() + " s this command bridges; cut the recording around "
                + "the gap";
    }

    private static Throwable errorOf(Exception ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof Error) {
                return t;
            }
        }
        return null;
    }

    private static String describe(Error e) {
        if (e instanceof OutOfMemoryError) {
            return "out of memory (" + e.getMessage() + "); the input is larger than this Java heap holds: check it, "
                    + "or give Java more memory, e.g. JAVA_OPTS=-Xmx8g";
        }
        if (e instanceof StackOverflowError) {
            return "stack overflow; the input is nested or recursive beyond what ecgid handles: check it, or run with "
                    + "a larger stack (JAVA_OPTS=-Xss16m)";
        }
        return "internal error: " + e + " (run again with --verbose for the stack trace, and please report it)";
    }
}
