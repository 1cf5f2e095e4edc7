package io.github.ecgid.cli;

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

    /** Applies ecgid's error handling to a command line: one line per failure, stack traces with --verbose. */
    static CommandLine withErrorConventions(CommandLine cl) {
        cl.setExecutionStrategy(ErrorHandler.catchingErrors());
        cl.setExecutionExceptionHandler(new ErrorHandler());
        return cl;
    }

    public static void main(String[] args) {
        java.util.OptionalInt child = SimdRelaunch.relaunchIfNeeded(args); // SIMD kernels without a flag
        if (child.isPresent()) {
            System.exit(child.getAsInt());
        }
        System.exit(commandLine().execute(args));
    }
}
