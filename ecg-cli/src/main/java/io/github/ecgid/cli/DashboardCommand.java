package io.github.ecgid.cli;

import io.github.ecgid.core.EcgSource;
import io.github.ecgid.core.io.EcgFiles;
import io.github.ecgid.device.ads1292r.Ads1292rDevice;
import io.github.ecgid.model.identify.EcgIdentifier;
import io.github.ecgid.model.nn.TrainingListener;
import io.github.ecgid.report.Dashboard;
import io.github.ecgid.report.DashboardDemo;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ecgid dashboard [--port 8080] [--source synthetic|file:PATH|serial:PORT]}: the live dashboard. The
 * server and the page live in the library ({@link Dashboard}); this command only chooses the source and the
 * identifier.
 */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = {"Serve a live dashboard on this machine: scrolling ECG with R-peaks, current identity with "
                + "confidence, heart rate, HRV and signal-quality warnings, updated by Server-Sent Events.",
            "Sources: synthetic (default: a few synthetic people, a small network trained at start-up, one of them "
                + "replayed at real time), file:PATH (a record replayed at --speed), serial:PORT (an ADS1292R "
                + "board). With file or serial, --model FILE identifies against the people the model was trained on."})
final class DashboardCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "TCP port, 0 for any free one (default: "
            + "${DEFAULT-VALUE})")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "address to listen on (default: ${DEFAULT-VALUE}; anything else shows the ECG to the "
                    + "network)")
    String bind;

    @Option(names = "--token", description = "require a random access token, which the printed address carries "
            + "(always on when --bind is not a loopback address)")
    boolean token;

    @Option(names = "--allow-host", paramLabel = "NAME", description = "another name the page may be opened by "
            + "(Host header), besides localhost, 127.0.0.1, [::1] and the --bind address; repeatable")
    java.util.List<String> allowHosts = new java.util.ArrayList<>();

    @Option(names = "--source", defaultValue = "synthetic", paramLabel = "SPEC",
            description = "synthetic | file:PATH | serial:PORT (default: ${DEFAULT-VALUE})")
    String source;

    @Option(names = "--model", paramLabel = "FILE", description = "ONNX model for file/serial sources")
    Path model;

    @Option(names = "--speed", defaultValue = "1.0", description = "replay speed of a file, x real time "
            + "(default: ${DEFAULT-VALUE})")
    double speed;

    @Option(names = "--fs", paramLabel = "HZ", description = "sampling rate of a CSV file, or of the serial board "
            + "(default 250)")
    Double samplingRateHz;

    @Option(names = "--persons", defaultValue = "4", description = "synthetic people (default: ${DEFAULT-VALUE})")
    int persons;

    @Option(names = "--seed", defaultValue = "42", description = "synthetic seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--verbose", description = "print stack traces on errors")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--bind: unknown address " + bind);
        }
        if (!(speed > 0)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--speed must be > 0");
        }
        DashboardDemo demo = null;
        EcgIdentifier identifier = null;
        EcgSource src;
        if (source.equals("synthetic")) {
            if (model != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--model applies to file: and serial: "
                        + "sources; the synthetic source trains its own");
            }
            err.printf(Locale.ROOT, "[dashboard] synthesising %d people and training a small network…%n", persons);
            err.flush();
            demo = DashboardDemo.synthetic(persons, seed, TrainingListener.none());
            identifier = demo.identifier();
            src = demo.source();
            err.printf(Locale.ROOT, "[dashboard] replaying %s at real time%n", demo.shownPersonId());
        } else if (source.startsWith("file:")) {
            src = EcgSource.replay(EcgFiles.read(Path.of(source.substring(5)),
                    samplingRateHz == null ? Double.NaN : samplingRateHz), speed);
        } else if (source.startsWith("serial:")) {
            src = Ads1292rDevice.builder(source.substring(7))
                    .samplingRateHz(samplingRateHz == null ? 250 : samplingRateHz).open();
        } else {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--source must be synthetic, file:PATH or serial:PORT, got " + source);
        }
        try {
            if (model != null) {
                identifier = EcgIdentifier.builder().samplingRateHz(src.samplingRateHz()).model(model).build();
            }
            Dashboard.Builder builder = Dashboard.builder(src).identifier(identifier).bindAddress(address).port(port)
                    .title("ecgid live: " + source);
            allowHosts.forEach(builder::allowHost);
            if (token || !address.isLoopbackAddress()) {
                byte[] random = new byte[16];
                new java.security.SecureRandom().nextBytes(random);
                builder.token(java.util.HexFormat.of().formatHex(random));
            }
            try (Dashboard d = builder.start()) {
                PrintWriter out = spec.commandLine().getOut();
                out.println("Dashboard: " + d.uri() + "  (Ctrl-C to stop)");
                out.flush();
                Thread hook = new Thread(d::close, "ecgid-dashboard-shutdown");
                Runtime.getRuntime().addShutdownHook(hook);
                d.awaitEnd();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // Ctrl-C: the hook is already closing the dashboard
                }
                err.println("[dashboard] " + d.latest("status").orElse("source ended"));
            }
        } finally {
            src.close();
            if (demo != null) {
                demo.close();
            } else if (identifier != null) {
                identifier.close();
            }
        }
        return 0;
    }
}
