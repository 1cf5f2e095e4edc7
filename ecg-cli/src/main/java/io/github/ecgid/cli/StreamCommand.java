package io.github.ecgid.cli;

import io.github.ecgid.device.ads1292r.Ads1292rDevice;
import io.github.ecgid.device.ads1292r.Ads1292rListener;
import io.github.ecgid.device.ads1292r.DeviceStats;
import io.github.ecgid.device.ads1292r.LeadOffEvent;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ecgid stream --port P [--seconds S]}: one status line per second from a live board (sample rate, ECG range,
 * lead-off, link health). Prints no raw signal.
 */
@Command(name = "stream", mixinStandardHelpOptions = true,
        description = {"Stream a live ADS1292R board and print one status line per second: samples per second,"
                + " ECG range in mV, electrodes off, corrupt frames, dropped samples, reconnects.",
            "Runs for --seconds, or until Ctrl-C."})
final class StreamCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    RecordCommand.DeviceOptions device;

    @Option(names = "--seconds", paramLabel = "S", description = "stream this long, then stop (default: until Ctrl-C)")
    Double seconds;

    @Option(names = "--identify", description = "identify the wearer continuously (needs an enrolled identifier)")
    boolean identify;

    @Option(names = "--verbose", description = "print stack traces on errors")
    boolean verbose;

    private volatile String leadsOff = "none";

    @Override
    public Integer call() {
        if (identify) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--identify is not available yet: this"
                    + " build has no identifier (io.github.ecgid.model.identify.EcgIdentifier); stream without it");
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

    private void statusLine(PrintWriter out, double t, long total, double rate, double min, double max,
                            DeviceStats s) {
        out.println(String.format(Locale.ROOT,
                "t=%6.1f s  samples=%d  rate=%.1f/s  ECG=[%.3f, %.3f] mV  leads-off=%s  corrupt=%d  dropped=%d"
                        + "  reconnects=%d", t, total, rate, min, max, leadsOff, s.decoder().framesCorrupt(),
                s.samplesDropped(), s.reconnects()));
        out.flush();
    }
}
