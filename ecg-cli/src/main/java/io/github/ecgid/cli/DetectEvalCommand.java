package io.github.ecgid.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.ecgid.core.EcgException;
import io.github.ecgid.core.EcgRecord;
import io.github.ecgid.core.data.WfdbDatabase;
import io.github.ecgid.core.io.WfdbReader;
import io.github.ecgid.signal.detect.Detector;
import io.github.ecgid.signal.detect.RPeakDetector;
import io.github.ecgid.signal.eval.DetectionScore;
import io.github.ecgid.signal.eval.DetectorEvaluation;
import io.github.ecgid.signal.eval.NoiseStress;
import io.github.ecgid.signal.preprocess.SampleGap;
import io.github.ecgid.signal.preprocess.SampleGapException;
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
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ecgid detect-eval --db DIR [--records 100,101] [--tolerance-ms 150] [--detector pan-tompkins]
 * [--preprocess seed|none] [--clip] [--[no-]exclude-vf] [--annotator atr] [--lead NAME] [--trim-seconds 0]
 * [--json]}, and with {@code --noise-stress} the noise
 * stress test.
 */
@Command(name = "detect-eval", mixinStandardHelpOptions = true,
        description = {"Score an R-peak detector against the reference beat annotations of a WFDB database "
                + "(e.g. ../shared/data/mitdb): one-to-one matching within the tolerance, TP/FP/FN, Se, +P, F1 per "
                + "record and in total (gross). Lead MLII where present, else the first lead.",
            "With --noise-stress: adds the nstdb 'ma' and 'bw' noise records at 12, 6 and 0 dB SNR to records "
                + "118 and 119 (or --records) as PhysioNet's nst does (noise in alternating 2-minute segments "
                + "from minute 5) and scores from minute 5; also scores the published 118e00 when present."})
final class DetectEvalCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--db", required = true, paramLabel = "DIR", description = "WFDB database folder (RECORDS, "
            + ".hea, .dat, .atr)")
    Path db;

    @Option(names = "--records", split = ",", paramLabel = "NAMES", description = "records to score (default: all "
            + "in RECORDS, or every .hea with an .atr)")
    List<String> records;

    @Option(names = "--tolerance-ms", paramLabel = "MS", defaultValue = "150", description = "matching tolerance "
            + "(default: ${DEFAULT-VALUE})")
    double toleranceMs;

    @Option(names = "--detector", paramLabel = "NAME", defaultValue = "pan-tompkins",
            converter = DetectorConverter.class, description = "detector: "
            + "pan-tompkins, hamilton or robust (noise-robust; docs/detection.md) (default: ${DEFAULT-VALUE})")
    Detector detectorName;

    @Option(names = "--preprocess", paramLabel = "seed|none", defaultValue = "seed", description = "seed: the "
            + "origin's cleaning chain before the detector; none: the raw lead (default: ${DEFAULT-VALUE})")
    String preprocess;

    @Option(names = "--exclude-vf", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "leave ventricular flutter/fibrillation episodes ([ ... ]) out of the score, as ANSI/AAMI "
            + "EC57 prescribes for QRS detection (default: on; --no-exclude-vf scores every detection)")
    boolean excludeVf;

    @Option(names = "--clip", description = "with --preprocess seed, also apply the chain's outlier clip (median "
            + "+- 5*1.4826*MAD) before the detector, as the origin did (default: the detector sees the chain "
            + "without the clip, which flattens R waves)")
    boolean clip;

    @Option(names = "--annotator", paramLabel = "NAME", defaultValue = "atr", description = "reference annotation "
            + "file extension, e.g. atr (MIT-BIH) or the lead's name for LUDB's per-lead files (default: "
            + "${DEFAULT-VALUE})")
    String annotator;

    @Option(names = "--lead", paramLabel = "NAME", description = "lead to detect on and score, e.g. ii (default: "
            + "MLII where present, else the first lead)")
    String lead;

    @Option(names = "--trim-seconds", paramLabel = "S", defaultValue = "0", description = "with --preprocess seed, "
            + "seconds trimmed at each end and left unscored (default: ${DEFAULT-VALUE}: beats are detected and "
            + "scored from the first second to the last; the origin trimmed 1)")
    double trimSeconds;

    @Option(names = "--annotated-span-only", description = "score only from the first annotation to the last "
            + "(widened by the tolerance): for databases that leave the edges unannotated, e.g. LUDB, whose "
            + "cardiologists mark no complex cut by the 10 s window")
    boolean annotatedSpanOnly;

    @Option(names = "--max-gap-seconds", paramLabel = "S", defaultValue = "" + SampleGap.DEFAULT_MAX_GAP_SECONDS, description = "with --preprocess "
            + "seed, bridge runs of invalid samples (WFDB's missing-value code: -32768 in format 16, -2048 in 212) up "
            + "to this long by linear interpolation, and refuse longer ones; 0 refuses any (default: "
            + "${DEFAULT-VALUE})")
    double maxGapSeconds;

    @Option(names = "--noise-stress", description = "run the noise stress test instead (see description)")
    boolean noiseStress;

    @Option(names = "--nstdb", paramLabel = "DIR", description = "folder with the nstdb noise records ma, bw "
            + "(and 118e00); default: nstdb next to --db")
    Path nstdb;

    @Option(names = "--json", description = "print JSON instead of a table")
    boolean json;

    @Option(names = "--verbose", description = "print stack traces on errors")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        if (!(toleranceMs >= 0) || Double.isInfinite(toleranceMs)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--tolerance-ms must be >= 0, got "
                    + toleranceMs);
        }
        if (!preprocess.equals("seed") && !preprocess.equals("none")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--preprocess must be seed or none, got "
                    + preprocess);
        }
        if (!(trimSeconds >= 0) || Double.isInfinite(trimSeconds)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--trim-seconds must be >= 0, got "
                    + trimSeconds);
        }
        if (!(maxGapSeconds >= 0) || Double.isInfinite(maxGapSeconds)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max-gap-seconds must be >= 0, got "
                    + maxGapSeconds);
        }
        if (!annotator.matches("[A-Za-z0-9_]+")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--annotator must be a file extension "
                    + "(letters, digits, _), got " + annotator);
        }
        RPeakDetector detector = detectorName.create();
        if (!Files.isDirectory(db)) {
            throw new EcgException("WFDB database folder not found: " + db);
        }
        return noiseStress ? runNoiseStress(detector) : runDatabase(detector);
    }

    private DetectorEvaluation.Builder evaluation(RPeakDetector detector) {
        return DetectorEvaluation.builder().detector(detector).toleranceMs(toleranceMs)
                .seedPreprocessing(preprocess.equals("seed")).clipBeforeDetection(clip)
                .excludeVentricularFlutter(excludeVf).trimSeconds(trimSeconds).lead(lead)
                .annotatedSpanOnly(annotatedSpanOnly).maxGapSeconds(maxGapSeconds)
                .qualityDetector((detectorName == Detector.HAMILTON ? Detector.PAN_TOMPKINS : Detector.HAMILTON)
                        .create());
    }

    private int runDatabase(RPeakDetector detector) throws IOException {
        List<String> names = records != null ? records : recordNames(db, annotator);
        DetectorEvaluation eval = evaluation(detector).build();
        PrintWriter err = spec.commandLine().getErr();
        List<Map<String, Object>> rows = new ArrayList<>();
        DetectionScore total = DetectionScore.zero();
        long samples = 0;
        double read = 0;
        double pre = 0;
        double det = 0;
        long gaps = 0;
        long gapSamples = 0;
        for (String name : names) {
            long t0 = System.nanoTime();
            EcgRecord rec = annotator.equals(WfdbReader.DEFAULT_ANNOTATOR) ? WfdbReader.read(db.resolve(name))
                    : WfdbReader.read(db.resolve(name), annotator);
            read += (System.nanoTime() - t0) / 1e9;
            if (rec.annotations().isEmpty()) {
                throw new EcgException("Record " + name + " in " + db + " has no reference annotations (."
                        + annotator + "); pick the annotator with --annotator");
            }
            DetectorEvaluation.Result r = evaluate(eval, name, rec);
            total = total.plus(r.score());
            gaps += r.bridgedGaps().size();
            gapSamples += r.bridgedSamples();
            samples += r.samples();
            pre += r.preprocessSeconds();
            det += r.detectSeconds();
            Map<String, Object> row = row(name, r.score());
            putQuality(row, r);
            row.put("bridged_gaps", r.bridgedGaps().size());
            row.put("bridged_samples", r.bridgedSamples());
            rows.add(row);
            if (!json) {
                err.printf(Locale.ROOT, "%s done%n", name);
            }
            if (!r.bridgedGaps().isEmpty()) {
                err.printf(Locale.ROOT, "%s: bridged %d run(s) of invalid samples (%d samples, longest %d) by linear "
                        + "interpolation (--max-gap-seconds %s)%n", name, r.bridgedGaps().size(), r.bridgedSamples(),
                        r.bridgedGaps().stream().mapToInt(g -> g.lengthSamples()).max().orElse(0), maxGapSeconds);
            }
        }
        Map<String, Object> tot = row(null, total);
        tot.put("samples", samples);
        tot.put("read_seconds", round(read, 3));
        tot.put("preprocess_seconds", round(pre, 3));
        tot.put("detect_seconds", round(det, 3));
        tot.put("bridged_gaps", gaps);
        tot.put("bridged_samples", gapSamples);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("detector", detector.name());
        out.put("tolerance_ms", toleranceMs == Math.rint(toleranceMs) ? (Object) (long) toleranceMs : toleranceMs);
        out.put("annotator", annotator);
        out.put("lead", lead != null ? lead : "MLII, else the first");
        out.put("trim_seconds", trimSeconds);
        out.put("annotated_span_only", annotatedSpanOnly);
        out.put("max_gap_seconds", maxGapSeconds);
        out.put("records", rows);
        out.put("total", tot);
        print(out, rows, tot, String.format(Locale.ROOT, "detect: %.1f M samples/s, preprocess: %.1f M samples/s",
                samples / Math.max(det, 1e-9) / 1e6, samples / Math.max(pre, 1e-9) / 1e6));
        return 0;
    }

    private int runNoiseStress(RPeakDetector detector) throws IOException {
        Path noiseDir = nstdb != null ? nstdb : db.toAbsolutePath().normalize().resolveSibling("nstdb");
        List<String> names = records != null ? records : List.of("118", "119");
        double[] snrs = {12, 6, 0};
        String[] noises = {"ma", "bw"};
        DetectorEvaluation eval = evaluation(detector).scoreFromSeconds(NoiseStress.LEARNING_SECONDS).build();
        Map<String, double[]> noise = new LinkedHashMap<>();
        for (String n : noises) {
            EcgRecord nr = WfdbReader.readSignals(noiseDir.resolve(n));
            noise.put(n, nr.lead(0));
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<Double, DetectionScore> bySnr = new LinkedHashMap<>();
        for (String name : names) {
            EcgRecord rec = WfdbReader.read(db.resolve(name));
            double[] clean = rec.lead(eval.leadOf(rec));
            long[] beats = rec.annotations().beatSamples();
            for (String n : noises) {
                for (double snr : snrs) {
                    double[] noisy = NoiseStress.corrupt(clean, beats, noise.get(n), rec.samplingRateHz(), snr);
                    DetectorEvaluation.Result r = eval.evaluate(name, noisy, rec.samplingRateHz(),
                            rec.annotations().items());
                    Map<String, Object> row = row(name, r.score());
                    putQuality(row, r);
                    row.put("noise", n);
                    row.put("snr_db", snr);
                    rows.add(row);
                    bySnr.merge(snr, r.score(), DetectionScore::plus);
                }
            }
        }
        List<Map<String, Object>> snrRows = new ArrayList<>();
        bySnr.forEach((snr, s) -> {
            Map<String, Object> r = row(null, s);
            r.put("snr_db", snr);
            snrRows.add(r);
        });
        List<Map<String, Object>> published = new ArrayList<>();
        for (Path dir : List.of(noiseDir, db)) {
            if (published.isEmpty() && Files.isRegularFile(dir.resolve("118e00.atr"))) {
                EcgRecord rec = WfdbReader.read(dir.resolve("118e00"));
                DetectorEvaluation.Result r = eval.evaluate("118e00", rec);
                Map<String, Object> row = row("118e00", r.score());
                putQuality(row, r);
                published.add(row);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("detector", detector.name());
        out.put("tolerance_ms", toleranceMs == Math.rint(toleranceMs) ? (Object) (long) toleranceMs : toleranceMs);
        out.put("noise_stress", rows);
        out.put("by_snr", snrRows);
        out.put("published", published);
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            o.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
        } else {
            o.printf(Locale.ROOT, "%-8s %-5s %6s %7s %5s %5s %8s %8s %8s%n", "record", "noise", "snr_db", "tp", "fp",
                    "fn", "se", "ppv", "f1");
            for (Map<String, Object> r : rows) {
                o.printf(Locale.ROOT, "%-8s %-5s %6.0f %7d %5d %5d %8.4f %8.4f %8.4f%n", r.get("record"),
                        r.get("noise"), r.get("snr_db"), r.get("tp"), r.get("fp"), r.get("fn"), r.get("se"), r.get("ppv"), r.get("f1"));
            }
            for (Map<String, Object> r : snrRows) {
                o.printf(Locale.ROOT, "%-8s %-5s %6.0f %7d %5d %5d %8.4f %8.4f %8.4f%n", "all", "ma+bw",
                        r.get("snr_db"), r.get("tp"), r.get("fp"), r.get("fn"), r.get("se"), r.get("ppv"), r.get("f1"));
            }
            for (Map<String, Object> r : published) {
                o.printf(Locale.ROOT, "%-8s %-5s %6s %7d %5d %5d %8.4f %8.4f %8.4f%n", r.get("record"), "em", "0",
                        r.get("tp"), r.get("fp"), r.get("fn"), r.get("se"), r.get("ppv"), r.get("f1"));
            }
        }
        return 0;
    }

    private void print(Map<String, Object> out, List<Map<String, Object>> rows, Map<String, Object> tot,
                       String speed) throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            o.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
            return;
        }
        o.printf(Locale.ROOT, "%-8s %7s %5s %5s %8s %8s %8s%n", "record", "tp", "fp", "fn", "se", "ppv", "f1");
        for (Map<String, Object> r : rows) {
            o.printf(Locale.ROOT, "%-8s %7d %5d %5d %8.4f %8.4f %8.4f%n", r.get("record"), r.get("tp"), r.get("fp"),
                    r.get("fn"), r.get("se"), r.get("ppv"), r.get("f1"));
        }
        o.printf(Locale.ROOT, "%-8s %7d %5d %5d %8.4f %8.4f %8.4f%n", "total", tot.get("tp"), tot.get("fp"),
                tot.get("fn"), tot.get("se"), tot.get("ppv"), tot.get("f1"));
        o.println(speed);
    }

    /** Scores one record; a run of invalid samples too long to bridge is refused naming the option. */
    private DetectorEvaluation.Result evaluate(DetectorEvaluation eval, String name, EcgRecord rec) {
        try {
            return eval.evaluate(name, rec);
        } catch (SampleGapException e) {
            throw new EcgException(String.format(Locale.ROOT, "Record %s in %s, lead %s: %d invalid samples in a "
                    + "row (%.3f s) from sample %d, longer than --max-gap-seconds %s bridges; raise "
                    + "--max-gap-seconds to bridge it, or leave the record out with --records", name, db,
                    rec.leadNames().get(eval.leadOf(rec)), e.gap().lengthSamples(), e.gapSeconds(),
                    e.gap().startSample(), maxGapSeconds), e);
        }
    }

    /** bSQI (agreement with the other detector): whole record, lowest 10 s window, share of windows below 0.9. */
    private static void putQuality(Map<String, Object> row, DetectorEvaluation.Result r) {
        if (r.quality() != null) {
            row.put("bsqi", finite(r.quality().overall()));
            row.put("bsqi_min_window", finite(r.quality().minWindow()));
            row.put("bsqi_windows_below_0_9", finite(r.quality().fractionBelow(0.9)));
        }
    }

    private static Object finite(double v) {
        return Double.isNaN(v) ? null : round(v, 6);
    }

    private static Map<String, Object> row(String record, DetectionScore s) {
        Map<String, Object> r = new LinkedHashMap<>();
        if (record != null) {
            r.put("record", record);
        }
        r.put("tp", s.truePositives());
        r.put("fp", s.falsePositives());
        r.put("fn", s.falseNegatives());
        r.put("se", round(s.sensitivity(), 6));
        r.put("ppv", round(s.positivePredictivity(), 6));
        r.put("f1", round(s.f1(), 6));
        return r;
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    /** RECORDS when present, else every record with a header and an .atr, sorted. */
    static List<String> recordNames(Path dir) throws IOException {
        return recordNames(dir, WfdbReader.DEFAULT_ANNOTATOR);
    }

    /** RECORDS when present, else every record with a header and an annotation file of {@code annotator}. */
    static List<String> recordNames(Path dir, String annotator) throws IOException {
        Path list = dir.resolve("RECORDS");
        if (Files.exists(list)) {
            return WfdbDatabase.open(dir).recordNames(); // bounded, validated names
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".hea"))
                    .map(f -> f.substring(0, f.length() - 4))
                    .filter(n -> Files.isRegularFile(dir.resolve(n + "." + annotator))).sorted().toList();
            if (names.isEmpty()) {
                throw new EcgException("No annotated WFDB records (.hea with ." + annotator + ") in " + dir
                        + "; pick the annotator with --annotator");
            }
            return names;
        }
    }
}
