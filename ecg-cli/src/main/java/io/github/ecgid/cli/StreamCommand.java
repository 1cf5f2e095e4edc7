package io.github.ecgid.cli;

import io.github.ecgid.device.ads1292r.Ads1292rDevice;
import io.github.ecgid.device.ads1292r.Ads1292rListener;
import io.github.ecgid.device.ads1292r.DeviceStats;
import io.github.ecgid.device.ads1292r.LeadOffEvent;
import io.github.ecgid.model.identify.EcgIdentifier;
import io.github.ecgid.model.identify.Identification;
import io.github.ecgid.model.identify.Monitor;
import io.github.ecgid.model.identify.MonitorDecision;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ecgid stream --port P [--seconds S] [--identify --model M [--templates T]]}: one status line per second from
 * a live board (sample rate, ECG range, lead-off, link health) and, with {@code --identify}, one line per decision of
 * the identifier's continuous monitor. Prints no raw signal.
 */
@Command(name = "stream", mixinStandardHelpOptions = true,
        description = {"Stream a live ADS1292R board and print one status line per second: samples per second,"
                + " ECG range in mV, electrodes off, corrupt frames, dropped samples, reconnects.",
            "With --identify, the wearer is identified continuously (EcgIdentifier.monitor): one line per window of"
                + " --beats beats. Without --templates the model's own classes are the candidates (closed set);"
                + " with --templates (key from --key-file or $ECGID_TEMPLATE_KEY) the enrolled people are, and strangers are unknown.",
            "Runs for --seconds, or until Ctrl-C."})
final class StreamCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    RecordCommand.DeviceOptions device;

    @Option(names = "--seconds", paramLabel = "S", description = "stream this long, then stop (default: until Ctrl-C)")
    Double seconds;

    @Option(names = "--identify", description = "identify the wearer continuously (needs --model)")
    boolean identify;

    @Option(names = "--model", paramLabel = "FILE", description = "ONNX model for --identify, e.g. from `ecgid train`")
    Path model;

    @CommandLine.Mixin
    GateOptions gate;

    @Option(names = "--templates", paramLabel = "FILE",
            description = "enrolled templates (template store, HMAC key from --key-file or $ECGID_TEMPLATE_KEY) for "
                    + "open-set --identify")
    Path templates;

    @Option(names = "--key-file", paramLabel = "FILE",
            description = "file holding the template store's HMAC key (as for `ecgid identify`); default: the "
                    + "environment variable ECGID_TEMPLATE_KEY")
    Path keyFile;

    @Option(names = "--beats", paramLabel = "K", defaultValue = "10",
            description = "beats per identification decision (default: ${DEFAULT-VALUE})")
    int beats;

    @Option(names = "--power-line", paramLabel = "HZ", defaultValue = "50", converter = PowerLineConverter.class,
            description = "mains frequency to notch for --identify, 50 or 60 (default: ${DEFAULT-VALUE})")
    double powerLineHz;

    @Option(names = "--verbose", description = "print stack traces on errors")
    boolean verbose;

    private volatile String leadsOff = "none";

    @Override
    public Integer call() throws InterruptedException {
        if (identify && model == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--identify needs --model FILE");
        }
        if (!identify && (model != null || templates != null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--model and --templates need --identify");
        }
        if (keyFile != null && templates == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--key-file needs --templates");
        }
        Ads1292rDevice.Builder builder = device.builder().listener(new Ads1292rListener() {
            @Override
            public void onLeadOff(LeadOffEvent event) {
                leadsOff = event.describe();
            }
        });
        if (seconds != null) {
            if (!(seconds > 0)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--seconds must be > 0, got " + seconds);
            }
            builder.stopAfterSamples(Math.max(1, Math.round(seconds * device.samplingRateHz)));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (identify) {
            return streamIdentifying(builder, out);
        }
        try (Ads1292rDevice dev = builder.open()) {
            Thread hook = new Thread(dev::close, "ecgid-stream-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            spec.commandLine().getErr().println("streaming " + dev + (seconds == null ? " until Ctrl-C" : " for "
                    + seconds + " s"));
            spec.commandLine().getErr().flush();
            double[][] buf = new double[2][512];
            long start = System.nanoTime();
            long windowStart = start;
            long total = 0;
            long inWindow = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            while (true) {
                int n;
                try {
                    n = dev.read(buf, 0, buf[0].length);
                } catch (IllegalStateException closedByCtrlC) {
                    break;
                }
                if (n > 0) {
                    for (int i = 0; i < n; i++) {
                        min = Math.min(min, buf[0][i]);
                        max = Math.max(max, buf[0][i]);
                    }
                    total += n;
                    inWindow += n;
                }
                long now = System.nanoTime();
                if (n < 0 || now - windowStart >= 1_000_000_000L) {
                    if (inWindow > 0) {
                        double rate = inWindow / ((now - windowStart) / 1e9);
                        statusLine(out, (now - start) / 1e9, total, rate, min, max, dev.stats());
                    }
                    windowStart = now;
                    inWindow = 0;
                    min = Double.POSITIVE_INFINITY;
                    max = Double.NEGATIVE_INFINITY;
                }
                if (n < 0) {
                    break;
                }
            }
            RecordCommand.removeHook(hook);
        }
        return 0;
    }

    /** The monitor reads the device; this thread prints link status once per second until the stream ends. */
    private int streamIdentifying(Ads1292rDevice.Builder builder, PrintWriter out) throws InterruptedException {
        try (EcgIdentifier identifier = identifier();
             Ads1292rDevice dev = builder.open()) {
            Thread hook = new Thread(dev::close, "ecgid-stream-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            spec.commandLine().getErr().println("identifying on " + dev + " with " + model + " ("
                    + (templates == null ? "closed set: " + identifier.classLabels().size() + " classes"
                    : "open set: " + identifier.templates().size() + " enrolled") + ")");
            spec.commandLine().getErr().flush();
            long start = System.nanoTime();
            try (Monitor monitor = identifier.monitor(dev, d -> decisionLine(out, d))) {
                long lastCount = 0;
                long lastNanos = start;
                boolean ended = false;
                while (!ended) {
                    try {
                        ended = monitor.await(1, TimeUnit.SECONDS);
                    } catch (IllegalStateException closedByCtrlC) {
                        ended = true;
                    }
                    long now = System.nanoTime();
                    DeviceStats s = dev.stats();
                    double rate = (s.samplesDelivered() - lastCount) / ((now - lastNanos) / 1e9);
                    lastCount = s.samplesDelivered();
                    lastNanos = now;
                    synchronized (out) {
                        out.println(String.format(Locale.ROOT, "t=%6.1f s  samples=%d  rate=%.1f/s  leads-off=%s"
                                        + "  corrupt=%d  dropped=%d  reconnects=%d", (now - start) / 1e9,
                                s.samplesDelivered(), rate, leadsOff, s.decoder().framesCorrupt(), s.samplesDropped(),
                                s.reconnects()));
                        out.flush();
                    }
                }
                out.println("decisions: " + monitor.decisions());
                out.flush();
            }
            RecordCommand.removeHook(hook);
        }
        return 0;
    }

    private EcgIdentifier identifier() {
        byte[] key = templates != null ? IdentifierOptions.readKey(spec.commandLine(), keyFile) : null;
        EcgIdentifier id = gate.apply(EcgIdentifier.builder())
                .samplingRateHz(device.samplingRateHz).powerLineHz(powerLineHz).model(model).beatsPerDecision(beats)
                .build();
        if (templates != null) {
            IdentifierOptions.loadStore(id, templates, key, true);
        }
        return id;
    }

    private void decisionLine(PrintWriter out, MonitorDecision d) {
        Identification who = d.identification();
        String line = String.format(Locale.ROOT, "signal=%.1f s  identity=%s  confidence=%.3f  beats=%d/%d  quality=%.2f"
                        + "  latency=%.0f ms%s", d.endSample() / device.samplingRateHz,
                who.isUnknown() ? "unknown" : who.personId(), who.score(), d.beatsUsed(), d.beatsDetected(),
                d.signalQuality(), d.latencyMillis(), d.noisy() ? "  noisy: " + d.note() : "");
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    private void statusLine(PrintWriter out, double t, long total, double rate, double min, double max,
                            DeviceStats s) {
        out.println(String.format(Locale.ROOT,
                "t=%6.1f s  samples=%d  rate=%.1f/s  ECG=[%.3f, %.3f] mV  leads-off=%s  corrupt=%d  dropped=%d"
                        + "  reconnects=%d", t, total, rate, min, max, leadsOff, s.decoder().framesCorrupt(),
                s.samplesDropped(), s.reconnects()));
        out.flush();
    }
}
