package io.github.ecgid.cli;

import io.github.ecgid.core.EcgException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import picocli.CommandLine;

/** Turns library errors into exit code 1 and a one-line message; stack traces only with --verbose. */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {

    static final int EXIT_BAD_INPUT = 1;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        boolean verbose = Arrays.asList(parseResult.originalArgs().toArray(new String[0])).contains("--verbose");
        if (ex instanceof EcgException || ex instanceof UncheckedIOException || ex instanceof IllegalArgumentException
                || ex instanceof java.io.IOException) {
            cmd.getErr().println("ecgid: " + ex.getMessage());
            if (verbose) {
                ex.printStackTrace(cmd.getErr());
            }
            return EXIT_BAD_INPUT;
        }
        cmd.getErr().println("ecgid: unexpected error: " + ex);
        ex.printStackTrace(cmd.getErr());
        return EXIT_BAD_INPUT;
    }
}
