package io.github.ecgid.cli;

import java.io.PrintWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ecgid} command-line tool. Each capability is a subcommand class in this package; the logic
 * lives in the library modules, this package only parses arguments and prints.
 *
 * <p>Exit codes: 0 success, 1 bad input (one-line message, stack trace only with {@code --verbose}),
 * 2 bad usage, 3 verify rejected the claim, 4 out of memory, stack overflow or another unexpected error (one
 * line too).
 */
@Command(name = "ecgid", mixinStandardHelpOptions = true, version = "ecgid 0.1.0-SNAPSHOT",
        description = "Identify and verify people by their ECG; read, filter, detect, train, evaluate.",
        subcommands = {CommandLine.HelpCommand.class, ModelInfoCommand.class, PredictCommand.class, TrainCommand.class,
                DevicesCommand.class, RecordCommand.class, StreamCommand.class, SimulateCommand.class,
                SynthCommand.class, InfoCommand.class, DetectEvalCommand.class, HrvCommand.class,
                IdentifyEvalCommand.class, EnrollCommand.class, IdentifyCommand.class, VerifyCommand.class,
                CalibrateCommand.class,
                DemoCommand.class, BenchGuardCommand.class, BenchCommand.class, ReportCommand.class,
                DashboardCommand.class})
public final class EcgidCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
    }

    /** Builds the command line with ecgid's exit-code and error conventions. */
    public static CommandLine commandLine() {
        return withErrorConventions(new CommandLine(new EcgidCommand()));
    }

    /** Exit codes every subcommand's help lists. */
    static final Map<String, String> EXIT_CODES = exitCodes();

    private static Map<String, String> exitCodes() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("0", "success");
        m.put("1", "bad input: a file, record or model that cannot be used (one line says which and why)");
        m.put("2", "bad usage: an unknown or invalid option");
        m.put("3", "verify: the claim was rejected");
        m.put("4", "out of memory, stack overflow or another unexpected error");
        return Collections.unmodifiableMap(m);
    }

    /**
     * Applies ecgid's error handling to a command line: one line per failure, stack traces with --verbose; a usage
     * error prints its message, any suggestion and where to find the options, not the whole usage; every
     * subcommand's help lists the exit codes.
     */
    static CommandLine withErrorConventions(CommandLine cl) {
        cl.setExecutionStrategy(ErrorHandler.catchingErrors());
        cl.setExecutionExceptionHandler(new ErrorHandler());
        cl.setParameterExceptionHandler(EcgidCommand::usageError);
        listExitCodes(cl);
        return cl;
    }

    private static void listExitCodes(CommandLine cl) {
        cl.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(EXIT_CODES);
        cl.getSubcommands().values().forEach(EcgidCommand::listExitCodes);
    }

    private static int usageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println(cl.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for its options.");
        err.flush();
        return cl.getCommandSpec().exitCodeOnInvalidInput();
    }

    public static void main(String[] args) {
        OptionalInt child = SimdRelaunch.relaunchIfNeeded(args); // SIMD kernels without a flag
        if (child.isPresent()) {
            System.exit(child.getAsInt());
        }
        System.exit(commandLine().execute(args));
    }
}
