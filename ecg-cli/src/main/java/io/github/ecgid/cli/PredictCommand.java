package io.github.ecgid.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ecgid.core.EcgFormatException;
import io.github.ecgid.core.EcgRecord;
import io.github.ecgid.core.EcgSignalException;
import io.github.ecgid.core.io.EcgFiles;
import io.github.ecgid.model.BeatClassifier;
import io.github.ecgid.model.Engine;
import io.github.ecgid.model.Prediction;
import io.github.ecgid.signal.beat.BeatPipeline;
import io.github.ecgid.model.onnx.OnnxModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ecgid predict --model model.onnx --input beats.csv [--engine auto|pure-java|onnx-runtime] [--json]}: runs
 * the model on every beat and prints logits, probabilities and embeddings.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Run an ONNX beat model on beats, with the pure-Java engine or ONNX Runtime.",
            "FILE is either a CSV of beats (one beat per row, 175 comma-separated values, preprocessed and z-scored "
                + "like the training beats; blank lines, '#' comments and one header row are skipped) or a record "
                + "(WFDB, seed CSV or plain CSV), which is preprocessed, R-peak detected and cut into beats as "
                + "'ecgid train' does. --input-type auto takes a .csv whose first data row has 175 numbers as beats."})
final class PredictCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "the .onnx model file")
    Path model;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "CSV of beats, or a record")
    Path input;

    @Option(names = "--input-type", paramLabel = "TYPE", defaultValue = "auto",
            description = "auto, beats or record (default: ${DEFAULT-VALUE})")
    InputType inputType;

    @Option(names = "--lead", paramLabel = "NAME",
            description = "lead of a record to use (default: MLII if present, else the first)")
    String lead;

    @Option(names = "--start", paramLabel = "S", defaultValue = "0",
            description = "use a record from this second on (default: ${DEFAULT-VALUE})")
    double startSeconds;

    @Option(names = "--end", paramLabel = "S",
            description = "use a record up to this second (default: its end)")
    Double endSeconds;

    @Option(names = "--power-line", paramLabel = "HZ", defaultValue = "50", converter = PowerLineConverter.class,
            description = "mains frequency to notch in a record, 50 or 60 (default: ${DEFAULT-VALUE})")
    double powerLineHz;

    @Option(names = "--fs", paramLabel = "HZ",
            description = "sampling rate of a CSV record without one (seed CSV default 250 Hz)")
    Double samplingRateHz;

    /** The option's name before 0.1.0, kept hidden for one release. */
    @Option(names = "--sampling-rate", paramLabel = "HZ", hidden = true)
    void samplingRateAlias(double hz) {
        this.samplingRateHz = hz;
    }

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "auto",
            converter = EngineConverter.class,
            description = "auto (pure Java on SIMD kernels, else ONNX Runtime), pure-java or onnx-runtime (default: ${DEFAULT-VALUE})")
    Engine engine;

    @Option(names = "--json", description = "print JSON: {engine, classes, beats: [{logits, probabilities, "
            + "embedding}]}")
    boolean json;

    @Option(names = "--verbose", description = "print stack traces on errors")
    boolean verbose;

    enum InputType { auto, beats, record }

    @Override
    public Integer call() throws Exception {
        OnnxModel m = OnnxModel.read(model);
        boolean asBeats = inputType == InputType.beats || inputType == InputType.auto && looksLikeBeats(input);
        float[][] beats;
        int[] rPeaks = null;
        long firstSample = 0;
        double rateHz = Double.NaN;
        if (asBeats) {
            beats = readBeats(input);
        } else {
            EcgRecord rec = RecordInput.slice(spec.commandLine(),
                    EcgFiles.read(input, samplingRateHz == null ? Double.NaN : samplingRateHz), startSeconds, endSeconds);
            int leadIndex = rec.leadNames().indexOf(RecordInput.chooseLead(input, rec, lead));
            BeatPipeline pipeline = new BeatPipeline(rec.samplingRateHz(), powerLineHz, TrainCommand.DETECTOR, true);
            BeatPipeline.Result r = pipeline.extract(rec.lead(leadIndex));
            if (r.beats().length == 0) {
                throw new EcgSignalException(input + ": no usable beats in lead " + rec.leadNames().get(leadIndex)
                        + " (" + r.detectedPeaks() + " R-peaks detected, " + r.rejected().size() + " beats rejected"
                        + (r.note().isEmpty() ? "" : ", " + r.note()) + ")");
            }
            beats = r.beats();
            rPeaks = r.rPeakIndices();
            firstSample = rec.startSample();
            rateHz = rec.samplingRateHz();
            spec.commandLine().getErr().printf("%s: %d beats from lead %s (%d rejected)%n", input, beats.length,
                    rec.leadNames().get(leadIndex), r.rejected().size());
            spec.commandLine().getErr().flush();
        }
        List<Prediction> predictions;
        try (BeatClassifier classifier = BeatClassifier.open(m, engine)) {
            predictions = classifier.predictBatch(beats);
        }
        PrintWriter out = spec.commandLine().getOut();
        List<String> labels = m.classLabels();
        if (json) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("engine", engine.cliName());
            j.put("classes", labels);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int i = 0; i < predictions.size(); i++) {
                Prediction p = predictions.get(i);
                Map<String, Object> row = new LinkedHashMap<>();
                if (rPeaks != null) {
                    row.put("rPeakSample", rPeaks[i] + firstSample);
                    row.put("rPeakSeconds", (rPeaks[i] + firstSample) / rateHz);
                }
                row.put("label", labels.get(p.predictedClass()));
                row.put("logits", p.logits());
                row.put("probabilities", p.probabilities());
                row.put("embedding", p.embedding());
                rows.add(row);
            }
            j.put("beats", rows);
            out.println(new ObjectMapper().writeValueAsString(j));
        } else {
            out.printf("%d beats, engine %s, classes %s%n", predictions.size(), engine.cliName(), labels);
            out.println(rPeaks == null ? "beat\tlabel\tprobability" : "beat\tr_peak_s\tlabel\tprobability");
            int[] counts = new int[labels.size()];
            for (int i = 0; i < predictions.size(); i++) {
                Prediction p = predictions.get(i);
                int c = p.predictedClass();
                counts[c]++;
                if (rPeaks == null) {
                    out.printf("%d\t%s\t%.4f%n", i, labels.get(c), p.probabilities()[c]);
                } else {
                    out.printf("%d\t%.3f\t%s\t%.4f%n", i, (rPeaks[i] + firstSample) / rateHz, labels.get(c),
                            p.probabilities()[c]);
                }
            }
            StringBuilder summary = new StringBuilder("predicted:");
            for (int c = 0; c < counts.length; c++) {
                summary.append(' ').append(labels.get(c)).append('=').append(counts[c]);
            }
            out.println(summary);
        }
        out.flush();
        return 0;
    }

    /** A .csv file whose first data row (after comments and a header) holds exactly 175 numbers. */
    static boolean looksLikeBeats(Path file) throws IOException {
        if (!file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv")
                || !Files.isRegularFile(file)) {
            return false;
        }
        try (io.github.ecgid.core.io.BoundedLineReader r = io.github.ecgid.core.io.BoundedLineReader.open(file, StandardCharsets.UTF_8, "beats CSV")) {
            String line;
            int dataRows = 0;
            while ((line = r.readLine()) != null && dataRows < 2) {
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                String[] cells = t.split(",", -1);
                if (!isNumber(cells[0].strip())) {
                    dataRows++;
                    continue; // a header
                }
                return cells.length == BeatClassifier.BEAT_LENGTH;
            }
        } catch (java.nio.charset.MalformedInputException e) {
            return false;
        }
        return false;
    }

    /**
     * Reads a CSV of beats: each row 175 finite numbers; skips blank lines, {@code #} comments and a first
     * non-numeric row (a header).
     *
     * @throws EcgFormatException naming the line and column of the first bad value or short row
     */
    static float[][] readBeats(Path file) throws IOException {
        List<float[]> beats = new ArrayList<>();
        try (io.github.ecgid.core.io.BoundedLineReader r = io.github.ecgid.core.io.BoundedLineReader.open(file, StandardCharsets.UTF_8, "beats CSV")) {
            String line;
            long lineNo = 0;
            boolean sawData = false;
            while ((line = r.readLine()) != null) {
                lineNo++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String[] cells = trimmed.split(",", -1);
                if (!sawData) {
                    sawData = true;
                    if (!isNumber(cells[0].strip())) {
                        continue; // a header row, allowed once before the data
                    }
                }
                if (cells.length != BeatClassifier.BEAT_LENGTH) {
                    throw EcgFormatException.atLine(file, lineNo, "has " + cells.length + " values; a beat needs "
                            + BeatClassifier.BEAT_LENGTH + " (one beat per row)");
                }
                float[] beat = new float[cells.length];
                for (int c = 0; c < cells.length; c++) {
                    String cell = cells[c].strip();
                    double v;
                    try {
                        v = Double.parseDouble(cell);
                    } catch (NumberFormatException e) {
                        throw EcgFormatException.atLine(file, lineNo, "column " + (c + 1) + " '" + cell
                                + "' is not a number");
                    }
                    if (!Double.isFinite(v)) {
                        throw EcgFormatException.atLine(file, lineNo, "column " + (c + 1) + " is " + cell
                                + "; beats must be finite");
                    }
                    beat[c] = (float) v;
                }
                beats.add(beat);
            }
        } catch (NoSuchFileException e) {
            throw EcgFormatException.inFile(file, "file not found");
        }
        if (beats.isEmpty()) {
            throw EcgFormatException.inFile(file, "contains no beats");
        }
        return beats.toArray(new float[0][]);
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Accepts auto / pure-java / onnx-runtime (and the enum names). */
    static final class EngineConverter implements CommandLine.ITypeConverter<Engine> {
        @Override
        public Engine convert(String value) {
            try {
                return Engine.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
