package io.github.ecgid.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.ecgid.core.EcgException;
import io.github.ecgid.core.io.SeedCsvOptions;
import io.github.ecgid.core.io.SeedCsvWriter;
import io.github.ecgid.core.synth.Noise;
import io.github.ecgid.core.synth.RPeakFile;
import io.github.ecgid.core.synth.SyntheticCohort;
import io.github.ecgid.core.synth.SyntheticRecording;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ecgid synth --persons N --seconds S --out DIR}: writes a synthetic cohort as seed-format CSVs (the
 * ADS1292R logger's 24-bit ADC codes), the true R peaks of each recording, and a {@code manifest.json}.
 */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = {"Write synthetic ECGs of several persons and sessions (ECGSYN model, McSharry et al. 2003)"
                + " as seed-format CSVs with their true R peaks.",
            "Per recording: personNN_sessionK.csv (timestamp, Channel 1 = 24-bit ADC ECG, Channel 2, Channel 3) and"
                + " personNN_sessionK.rpeaks.csv (sample,time_s); plus manifest.json."})
final class SynthCommand implements Callable<Integer> {

    static final String MANIFEST = "manifest.json";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--persons", required = true, paramLabel = "N", description = "number of persons, 1..1000")
    int persons;

    @Option(names = "--seconds", required = true, paramLabel = "S", description = "length of each recording in s")
    double seconds;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder (created if missing)")
    Path out;

    @Option(names = "--fs", paramLabel = "HZ", defaultValue = "250",
            description = "sampling rate in Hz, 50..10000 (default: ${DEFAULT-VALUE})")
    double samplingRateHz;

    @Option(names = "--seed", defaultValue = "42", description = "cohort seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--sessions", paramLabel = "K", defaultValue = "1",
            description = "recordings per person, each with its own heart rate and noise (default: ${DEFAULT-VALUE})")
    int sessions;

    @Option(names = "--noise", paramLabel = "KIND", defaultValue = "realistic",
            description = "none or realistic (baseline wander, mains, EMG) (default: ${DEFAULT-VALUE})")
    String noise;

    @Option(names = "--power-line", paramLabel = "HZ", defaultValue = "50", converter = PowerLineConverter.class,
            description = "power-line frequency of realistic noise, 50 or 60 (default: ${DEFAULT-VALUE})")
    double mainsHz;

    /** The option's name before 0.1.0, kept hidden for one release. */
    @Option(names = "--mains", paramLabel = "HZ", hidden = true, converter = PowerLineConverter.class)
    void mainsAlias(double hz) {
        this.mainsHz = hz;
    }

    @Option(names = "--json", description = "print the manifest as JSON instead of a summary")
    boolean json;

    @Option(names = "--verbose", description = "print stack traces on errors")
    boolean verbose;

    @Override
    public Integer call() throws IOException {
        Noise noiseSetting = validatedNoise();
        SyntheticCohort cohort = SyntheticCohort.of(persons, seed).withSessions(sessions)
                .withDurationSeconds(seconds).withSamplingRateHz(samplingRateHz).withNoise(noiseSetting);
        Path dir = out.toAbsolutePath().normalize();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new EcgException("--out " + dir + " exists and is not a folder");
        }
        Files.createDirectories(dir);
        SeedCsvOptions csv = SeedCsvOptions.defaults().withSamplingRateHz(samplingRateHz);

        List<Map<String, Object>> files = new ArrayList<>();
        PrintWriter err = spec.commandLine().getErr();
        for (int p = 1; p <= persons; p++) {
            for (int s = 1; s <= sessions; s++) {
                SyntheticRecording rec = cohort.recording(p, s);
                String stem = String.format(Locale.ROOT, "person%02d_session%d", p, s);
                SeedCsvWriter.write(rec.record(), dir.resolve(stem + ".csv"), csv);
                RPeakFile.write(dir.resolve(stem + RPeakFile.SUFFIX), rec.rPeakSamples(), rec.samplingRateHz());
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("person", p);
                entry.put("session", s);
                entry.put("csv", stem + ".csv");
                entry.put("rpeaks", stem + RPeakFile.SUFFIX);
                entry.put("samples", rec.record().length());
                entry.put("beats", rec.beatCount());
                entry.put("heartRateBpm", Math.round(rec.heartRateBpm() * 100) / 100.0);
                entry.put("sessionSeed", cohort.sessionSeed(p, s));
                files.add(entry);
            }
            err.printf(Locale.ROOT, "synth: person %d/%d written%n", p, persons);
            err.flush();
        }

        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("generator", "ecgid synth (ECGSYN, McSharry et al., IEEE TBME 50(3) 2003)");
        manifest.put("format", "seed CSV: timestamp, Channel 1 = ECG as signed 24-bit ADC codes, gain "
                + csv.gain() + ", Vref " + csv.vrefVolts() + " V; mV = (ADC - mean) * 2 * Vref * 1000 / (gain * 2^24)");
        manifest.put("samplingRateHz", samplingRateHz);
        manifest.put("durationSeconds", seconds);
        manifest.put("persons", persons);
        manifest.put("sessions", sessions);
        manifest.put("seed", seed);
        manifest.put("noise", noise.toLowerCase(Locale.ROOT));
        manifest.put("recordings", files);
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        mapper.writeValue(dir.resolve(MANIFEST).toFile(), manifest);

        PrintWriter stdout = spec.commandLine().getOut();
        if (json) {
            stdout.println(mapper.writeValueAsString(manifest));
        } else {
            stdout.printf(Locale.ROOT, "wrote %d recordings (%d persons x %d sessions, %s s at %s Hz, noise %s) to %s%n",
                    files.size(), persons, sessions, number(seconds), number(samplingRateHz), noise, dir);
            for (Map<String, Object> f : files) {
                stdout.printf(Locale.ROOT, "  %-28s %6s beats  %6.1f bpm%n", f.get("csv"), f.get("beats"),
                        (Double) f.get("heartRateBpm"));
            }
        }
        stdout.flush();
        return 0;
    }

    /** Checks the options (bad values are usage errors, exit 2) and returns the noise they ask for. */
    private Noise validatedNoise() {
        if (persons < 1 || persons > 1000) {
            throw usage("--persons must be 1..1000, got " + persons);
        }
        if (sessions < 1 || sessions > 100) {
            throw usage("--sessions must be 1..100, got " + sessions);
        }
        if (!(seconds > 0 && seconds <= 86_400)) {
            throw usage("--seconds must be in (0, 86400], got " + seconds);
        }
        if (!(samplingRateHz >= 50 && samplingRateHz <= 10_000)) {
            throw usage("--fs must be 50..10000 Hz, got " + samplingRateHz);
        }
        return switch (noise.toLowerCase(Locale.ROOT)) {
            case "none" -> Noise.none();
            case "realistic" -> Noise.realistic(mainsHz);
            default -> throw usage("--noise must be none or realistic, got '" + noise + "'");
        };
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    private static String number(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
