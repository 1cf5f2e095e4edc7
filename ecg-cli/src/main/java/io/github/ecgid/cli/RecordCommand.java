package io.github.ecgid.cli;

import io.github.ecgid.device.ads1292r.AdcScale;
import io.github.ecgid.device.ads1292r.Ads1292rDevice;
import io.github.ecgid.device.ads1292r.Ads1292rProtocol;
import io.github.ecgid.device.ads1292r.DeviceStats;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ecgid record --port P --out file.csv [--seconds S]}: records a live board to a seed-format CSV. */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = {"Record a live ADS1292R board to a seed-format CSV (timestamp, Channel 1, Channel 2, Channel 3),"
                + " flushed as it goes: an unplugged board or a crash loses no sample already shown.",
            "Runs for --seconds, or until Ctrl-C. Reconnects when the board is unplugged and plugged in again."})
final class RecordCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    DeviceOptions device;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the CSV to create (must not exist)")
    Path out;

    @Option(names = "--seconds", paramLabel = "S", description = "record S seconds of samples (S x fs), then stop; a "
            + "board that sends fewer (silent, unplugged) is stopped " + "after S + 2 s of wall-clock time "
            + "(default: until Ctrl-C)")
    Double seconds;

    /** Wall-clock time beyond --seconds that a slow or silent board gets before the recording stops. */
    static final double GRACE_SECONDS = 2;

    @Option(names = "--verbose", description = "print stack traces on errors")
    boolean verbose;

    @Override
    public Integer call() {
        Ads1292rDevice.Builder builder = device.builder().recordTo(out);
        if (seconds != null) {
            if (!(seconds > 0)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--seconds must be > 0, got " + seconds);
            }
            builder.stopAfterSamples(Math.max(1, Math.round(seconds * device.samplingRateHz)));
            // by the wall clock too, so that a silent or unplugged board cannot keep it running
            builder.stopAfter(Duration.ofNanos(Math.round(Math.min(seconds + GRACE_SECONDS, 1e9) * 1e9)));
        }
        PrintWriter err = spec.commandLine().getErr();
        long samples = 0;
        DeviceStats stats;
        Ads1292rDevice dev = builder.open();
        try {
            Thread hook = new Thread(dev::close, "ecgid-record-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            err.println("recording " + device.port + " to " + out + (seconds == null ? " until Ctrl-C" : " for "
                    + seconds + " s"));
            err.flush();
            double[][] buf = new double[2][1024];
            long nextReport = System.nanoTime() + 1_000_000_000L;
            while (true) {
                int n;
                try {
                    n = dev.read(buf, 0, buf[0].length);
                } catch (IllegalStateException closedByCtrlC) {
                    break;
                }
                if (n < 0) {
                    break;
                }
                samples += n;
                if (System.nanoTime() >= nextReport) {
                    nextReport += 1_000_000_000L;
                    DeviceStats s = dev.stats();
                    err.printf("  %.1f s recorded, %d corrupt frames, %d reconnects%s%n", samples / device.samplingRateHz,
                            s.decoder().framesCorrupt(), s.reconnects(), s.connected() ? "" : ", waiting for the port");
                    err.flush();
                }
            }
            removeHook(hook);
        } finally {
            dev.close();
        }
        stats = dev.stats();
        PrintWriter o = spec.commandLine().getOut();
        o.printf("recorded %d samples (%.1f s at %s Hz) to %s; corrupt frames %d, discarded bytes %d, "
                        + "bytes of an unfinished frame %d, samples dropped by the reader queue %d, reconnects %d%n",
                stats.samplesDelivered(), stats.samplesDelivered() / device.samplingRateHz, plain(device.samplingRateHz),
                out, stats.decoder().framesCorrupt(), stats.decoder().bytesDiscarded(), stats.decoder().bytesPending(),
                stats.samplesDropped(), stats.reconnects());
        if (seconds != null && stats.samplesDelivered() < Math.round(seconds * device.samplingRateHz)) {
            err.printf("ecgid: warning: the board sent %d of the %d samples asked for within %s s; is it streaming "
                    + "at %s Hz on %s?%n", stats.samplesDelivered(), Math.round(seconds * device.samplingRateHz),
                    plain(seconds + GRACE_SECONDS), plain(device.samplingRateHz), device.port);
            err.flush();
        }
        o.flush();
        return 0;
    }

    static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running already
        }
    }

    static String plain(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    /** Options shared by the commands that open a board: port, speed, format, rate, ADC constants. */
    static final class DeviceOptions {
        @Option(names = "--port", required = true, paramLabel = "PORT",
                description = "serial port path, e.g. /dev/ttyUSB0, COM3 or a socat pseudo-terminal")
        String port;

        @Option(names = "--baud", paramLabel = "BAUD", defaultValue = "115200",
                description = "serial speed (default: ${DEFAULT-VALUE}, as ProtoCentral's shield/breakout sketch)")
        int baud;

        @Option(names = "--protocol", paramLabel = "FORMAT", defaultValue = "protocentral",
                description = "protocentral (15-byte CES packets) or raw (9-byte ADS1292R frames with lead-off bits);"
                        + " default: ${DEFAULT-VALUE}")
        String protocol;

        @Option(names = "--fs", paramLabel = "HZ", defaultValue = "250",
                description = "the board's sampling rate in Hz (default: ${DEFAULT-VALUE})")
        double samplingRateHz;

        @Option(names = "--gain", defaultValue = "6", description = "ADS1292R PGA gain (default: ${DEFAULT-VALUE})")
        double gain;

        @Option(names = "--vref", paramLabel = "VOLTS", defaultValue = "2.42",
                description = "ADS1292R reference voltage (default: ${DEFAULT-VALUE})")
        double vrefVolts;

        Ads1292rDevice.Builder builder() {
            return Ads1292rDevice.builder(port).baudRate(baud).protocol(protocol(protocol))
                    .samplingRateHz(samplingRateHz).adcScale(new AdcScale(gain, vrefVolts));
        }

        static Ads1292rProtocol protocol(String name) {
            switch (name.toLowerCase(java.util.Locale.ROOT)) {
                case "protocentral":
                    return Ads1292rProtocol.PROTOCENTRAL;
                case "raw":
                case "raw_frame":
                    return Ads1292rProtocol.RAW_FRAME;
                default:
                    throw new IllegalArgumentException("unknown --protocol '" + name
                            + "'; expected protocentral or raw");
            }
        }
    }
}
