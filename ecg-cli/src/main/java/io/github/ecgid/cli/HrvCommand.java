package io.github.ecgid.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.ecgid.core.EcgFormatException;
import io.github.ecgid.core.EcgRecord;
import io.github.ecgid.core.EcgSignalException;
import io.github.ecgid.core.io.EcgFiles;
import io.github.ecgid.hrv.ArtefactCorrection;
import io.github.ecgid.hrv.FrequencyBands;
import io.github.ecgid.hrv.HrvAnalyzer;
import io.github.ecgid.hrv.HrvReport;
import io.github.ecgid.hrv.PsdMethod;
import io.github.ecgid.hrv.RrSeries;
import io.github.ecgid.signal.detect.Detector;
import io.github.ecgid.signal.detect.RPeaks;
import io.github.ecgid.signal.preprocess.CleanSignal;
import io.github.ecgid.signal.preprocess.Preprocessor;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ecgid hrv <record> [--json]} and {@code ecgid hrv --rr FILE [--json]}: every HRV index with NeuroKit2's
 * {@code HRV_*} names, from a recording (seed preprocessing, R-peak detection) or from RR intervals in ms.
 */
@Command(name = "hrv", mixinStandardHelpOptions = true,
        description = {"Heart-rate variability: time-domain, frequency-domain and nonlinear indices named as in "
                + "NeuroKit2 (HRV_MeanNN ... HRV_DFA_alpha2). See docs/hrv.md for definitions.",
            "From a record (WFDB, seed CSV or plain CSV): seed preprocessing, R-peak detection, Lipponen-Tarvainen "
                + "artefact correction by default. From --rr FILE: RR intervals in ms, one per line ('#' comments "
                + "and blank lines skipped), no correction unless --correct is given."})
final class HrvCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "<record>", description = "WFDB record path or ECG CSV")
    Path record;

    @Option(names = "--rr", paramLabel = "FILE", description = "RR intervals in ms, one per line, instead of a record")
    Path rrFile;

    @Option(names = "--json", description = "print a flat JSON object keyed by the HRV_* names (NaN as null)")
    boolean json;

    @Option(names = "--correct", arity = "0..1", fallbackValue = "lipponen-tarvainen", paramLabel = "METHOD",
            description = "artefact correction: lipponen-tarvainen (the default with a record, and what a bare "
                    + "--correct means), median-20 (drop intervals > 20 %% from the median), none (the default "
                    + "with --rr)")
    String correct;

    @Option(names = "--psd", paramLabel = "METHOD", defaultValue = "welch",
            description = "PSD estimator: welch (4 Hz spline, default) or lomb-scargle (raw series)")
    String psd;

    @Option(names = "--bands", paramLabel = "SET", defaultValue = "neurokit2",
            description = "frequency bands: neurokit2 (default) or task-force")
    String bands;

    @Option(names = "--power-line", paramLabel = "HZ", defaultValue = "50", converter = PowerLineConverter.class,
            description = "mains frequency to notch in a record: 50 (default) or 60")
    double powerLineHz;

    @Option(names = "--lead", paramLabel = "NAME", description = "lead of the record to analyse (default: the first)")
    String lead;

    @Option(names = "--detector", paramLabel = "NAME", defaultValue = "pan-tompkins",
            converter = DetectorConverter.class,
            description = "R-peak detector for a record: pan-tompkins (default), hamilton or robust")
    Detector detector;

    @Option(names = "--reference-beats", description = "use the record's beat annotations (WFDB .atr) as R-peaks "
            + "instead of detecting them, e.g. to check the detector's effect on HRV")
    boolean referenceBeats;

    @Option(names = "--fs", paramLabel = "HZ", description = "sampling rate of a CSV record (seed CSV default 250 Hz)")
    Double samplingRateHz;

    @Option(names = "--verbose", description = "print stack traces on errors")
    boolean verbose;

    @Override
    public Integer call() throws IOException {
        if ((record == null) == (rrFile == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Give either a <record> or --rr FILE (exactly one)");
        }
        if (rrFile != null && (referenceBeats || lead != null || samplingRateHz != null)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--reference-beats, --lead and --fs apply to a <record>, not to --rr");
        }
        HrvAnalyzer analyzer = HrvAnalyzer.builder().psdMethod(psdMethod()).bands(bands()).correction(correction())
                .build();
        PrintWriter err = spec.commandLine().getErr();
        RrSeries rr;
        if (rrFile != null) {
            rr = readRr(rrFile);
            err.printf(Locale.ROOT, "%d RR intervals from %s%n", rr.size(), rrFile);
        } else {
            rr = fromRecord(err);
        }
        HrvReport report = analyzer.analyze(rr);
        if (report.isEmpty()) {
            err.println("ecgid: empty HRV report: " + report.emptyReason().orElse(""));
        } else if (analyzer.correction() != ArtefactCorrection.NONE) {
            err.printf(Locale.ROOT, "%d NN intervals after %s correction%n", report.intervalCount(),
                    analyzer.correction().name().toLowerCase(Locale.ROOT));
        }
        err.flush();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            report.asMap().forEach((k, v) -> m.put(k, Double.isFinite(v) ? v : null));
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m));
        } else {
            report.asMap().forEach((k, v) -> out.printf(Locale.ROOT, "%-16s %s%n", k, format(v)));
        }
        out.flush();
        return 0;
    }

    private static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        return String.format(Locale.ROOT, "%.6g", v);
    }

    private RrSeries fromRecord(PrintWriter err) {
        double fs = samplingRateHz == null ? Double.NaN : samplingRateHz;
        EcgRecord rec = EcgFiles.read(record, fs);
        String leadName = lead == null ? rec.leadNames().get(0) : lead;
        if (!rec.leadNames().contains(leadName)) {
            throw new EcgSignalException("Lead '" + leadName + "' not in " + rec.source() + "; leads: "
                    + rec.leadNames());
        }
        double rate = rec.samplingRateHz();
        if (referenceBeats) {
            long[] beats = rec.annotations().beatSamples();
            if (beats.length == 0) {
                throw new EcgSignalException("--reference-beats: " + rec.source() + " has no beat annotations");
            }
            err.printf(Locale.ROOT, "%d annotated beats of %s, %.1f s at %s Hz%n", beats.length, rec.source(),
                    rec.durationSeconds(), rate);
            return RrSeries.fromPeaks(beats, rate);
        }
        CleanSignal clean = Preprocessor.forRPeaks(rate, powerLineHz).apply(rec, leadName);
        RPeaks peaks = detector.create().detect(clean.samplesMv(), rate);
        int[] original = clean.toOriginalIndices(peaks.indexSamples());
        err.printf(Locale.ROOT, "%d R-peaks (%s) in lead %s of %s, %.1f s at %s Hz%n", original.length, detector,
                leadName, rec.source(), rec.durationSeconds(), rate);
        return RrSeries.fromPeaks(original, rate);
    }

    /** RR intervals in ms, one per line; a typed error names the file and line of anything else. */
    static RrSeries readRr(Path file) throws IOException {
        double[] v = new double[1024];
        int n = 0;
        long lineNo = 0;
        try (io.github.ecgid.core.io.BoundedLineReader in = io.github.ecgid.core.io.BoundedLineReader.open(file, StandardCharsets.UTF_8, "RR file")) {
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                String s = line.strip();
                if (s.isEmpty() || s.startsWith("#")) {
                    continue;
                }
                double x;
                try {
                    x = Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw EcgFormatException.atLine(file, lineNo, "expected one RR interval in ms, got '"
                            + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "'");
                }
                if (!Double.isFinite(x) || !(x > 0)) {
                    throw new EcgSignalException(file + ", line " + lineNo + ": RR interval " + x
                            + " ms; intervals must be finite and positive");
                }
                if (n == v.length) {
                    v = Arrays.copyOf(v, 2 * n);
                }
                v[n++] = x;
            }
        } catch (NoSuchFileException e) {
            throw EcgFormatException.inFile(file, "no such file");
        }
        return RrSeries.ofIntervalsMs(Arrays.copyOf(v, n));
    }

    private PsdMethod psdMethod() {
        switch (psd.toLowerCase(Locale.ROOT)) {
            case "welch":
                return PsdMethod.WELCH;
            case "lomb-scargle":
            case "lomb":
                return PsdMethod.LOMB_SCARGLE;
            default:
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--psd must be welch or lomb-scargle, got '" + psd + "'");
        }
    }

    private FrequencyBands bands() {
        switch (bands.toLowerCase(Locale.ROOT)) {
            case "neurokit2":
                return FrequencyBands.neurokit2();
            case "task-force":
                return FrequencyBands.taskForce1996();
            default:
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--bands must be neurokit2 or task-force, got '" + bands + "'");
        }
    }

    private ArtefactCorrection correction() {
        String c = correct == null ? (rrFile != null ? "none" : "lipponen-tarvainen") : correct;
        switch (c.toLowerCase(Locale.ROOT)) {
            case "none":
                return ArtefactCorrection.NONE;
            case "lipponen-tarvainen":
            case "lipponen":
                return ArtefactCorrection.LIPPONEN_TARVAINEN;
            case "median-20":
                return ArtefactCorrection.MEDIAN_20_PERCENT;
            default:
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--correct must be lipponen-tarvainen, median-20 or none, got '" + c + "'");
        }
    }
}
