package io.github.ecgid.cli;

import io.github.ecgid.core.EcgRecord;
import io.github.ecgid.core.io.EcgFiles;
import io.github.ecgid.core.synth.Noise;
import io.github.ecgid.core.synth.PersonProfile;
import io.github.ecgid.core.synth.SyntheticEcg;
import io.github.ecgid.device.ads1292r.AdcScale;
import io.github.ecgid.device.ads1292r.Ads1292rSimulator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ecgid simulate --port P --source synthetic|file:PATH [--seconds S] [--speed X]}: plays a record into a
 * serial port in an ADS1292R board's byte format.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Pretend to be an ADS1292R board: play a synthetic or recorded ECG into a serial port in the"
                + " board's byte format, at real time or faster.",
            "For a virtual cable: socat -d -d pty,raw,echo=0,link=/tmp/ttyBoard pty,raw,echo=0,link=/tmp/ttyHost,"
                + " then simulate --port /tmp/ttyBoard and record/stream --port /tmp/ttyHost."})
final class SimulateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", required = true, paramLabel = "PORT", description = "serial port to write to")
    String port;

    @Option(names = "--source", required = true, paramLabel = "SOURCE",
            description = "synthetic (ECGSYN, see --person) or file:PATH (WFDB record, seed CSV or plain CSV)")
    String source;

    @Option(names = "--seconds", paramLabel = "S",
            description = "seconds to play (default: 60 for synthetic, the whole file otherwise)")
    Double seconds;

    @Option(names = "--speed", paramLabel = "X", defaultValue = "1",
            description = "multiple of real time (default: ${DEFAULT-VALUE})")
    double speed;

    @Option(names = "--fs", paramLabel = "HZ", defaultValue = "250",
            description = "sampling rate of the synthetic ECG in Hz (default: ${DEFAULT-VALUE}); files play at theirs")
    double samplingRateHz;

    @Option(names = "--person", paramLabel = "N", defaultValue = "1",
            description = "synthetic person number; each has its own morphology (default: ${DEFAULT-VALUE})")
    int person;

    @Option(names = "--seed", defaultValue = "42", description = "seed of the synthetic cohort (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--noise", description = "add realistic noise to the synthetic ECG (baseline wander, mains, EMG)")
    boolean noise;

    @Option(names = "--protocol", paramLabel = "FORMAT", defaultValue = "protocentral",
            description = "protocentral or raw (default: ${DEFAULT-VALUE})")
    String protocol;

    @Option(names = "--baud", paramLabel = "BAUD", defaultValue = "115200", description = "serial speed (default: ${DEFAULT-VALUE})")
    int baud;

    @Option(names = "--gain", defaultValue = "6", description = "ADS1292R PGA gain for mV to code (default: ${DEFAULT-VALUE})")
    double gain;

    @Option(names = "--vref", paramLabel = "VOLTS", defaultValue = "2.42",
            description = "ADS1292R reference voltage (default: ${DEFAULT-VALUE})")
    double vrefVolts;

    @Option(names = "--verbose", description = "print stack traces on errors")
    boolean verbose;

    @Override
    public Integer call() {
        if (!(speed > 0)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--speed must be > 0, got " + speed);
        }
        if (seconds != null && !(seconds > 0)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--seconds must be > 0, got " + seconds);
        }
        EcgRecord record = record();
        PrintWriter err = spec.commandLine().getErr();
        if (record.samplingRateHz() != 250) {
            err.println("note: " + record.source() + " is at " + RecordCommand.plain(record.samplingRateHz())
                    + " Hz; start the reader with --fs " + RecordCommand.plain(record.samplingRateHz()));
        }
        long played;
        try (Ads1292rSimulator sim = Ads1292rSimulator.builder(port).baudRate(baud)
                .protocol(RecordCommand.DeviceOptions.protocol(protocol)).adcScale(new AdcScale(gain, vrefVolts))
                .speed(speed).open()) {
            Thread hook = new Thread(sim::close, "ecgid-simulate-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            err.printf(Locale.ROOT, "playing %.1f s of %s into %s at %sx real time%n", record.durationSeconds(),
                    record.source(), port, RecordCommand.plain(speed));
            err.flush();
            played = sim.play(record);
            RecordCommand.removeHook(hook);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "played %d samples (%.1f s at %s Hz) of %s into %s%n", played,
                played / record.samplingRateHz(), RecordCommand.plain(record.samplingRateHz()), record.source(), port);
        out.flush();
        return 0;
    }

    private EcgRecord record() {
        if (source.equals("synthetic")) {
            return SyntheticEcg.builder().samplingRateHz(samplingRateHz)
                    .durationSeconds(seconds == null ? 60 : seconds)
                    .person(PersonProfile.of(person, seed)).sessionSeed(seed)
                    .noise(noise ? Noise.realistic() : Noise.none())
                    .build().generate().record();
        }
        if (source.startsWith("file:") && source.length() > 5) {
            EcgRecord rec = EcgFiles.read(Path.of(source.substring(5)));
            if (seconds != null && seconds < rec.durationSeconds()) {
                rec = rec.slice(0, seconds);
            }
            return rec;
        }
        throw new CommandLine.ParameterException(spec.commandLine(), "--source must be synthetic or file:PATH, got '"
                + source + "'");
    }
}
