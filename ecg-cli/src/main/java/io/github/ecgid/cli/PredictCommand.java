package io.github.ecgid.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ecgid.core.EcgFormatException;
import io.github.ecgid.model.BeatClassifier;
import io.github.ecgid.model.Engine;
import io.github.ecgid.model.Prediction;
import io.github.ecgid.model.onnx.OnnxModel;
import java.io.BufferedReader;
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
 * {@code ecgid predict --model model.onnx --input beats.csv [--engine pure-java|onnx-runtime] [--json]}: runs
 * the model on every beat and prints logits, probabilities and embeddings.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Run an ONNX beat model on beats, with the pure-Java engine or ONNX Runtime.",
            "INPUT is a CSV of beats: one beat per row, 175 comma-separated values (preprocessed and z-scored "
                + "like the training beats); blank lines, '#' comments and one header row are skipped."})
final class PredictCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "the .onnx model file")
    Path model;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "CSV of beats")
    Path input;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "pure-java",
            converter = EngineConverter.class,
            description = "pure-java or onnx-runtime (default: ${DEFAULT-VALUE})")
    Engine engine;

    @Option(names = "--json", description = "print JSON: {engine, classes, beats: [{logits, probabilities, "
            + "embedding}]}")
    boolean json;

    @Option(names = "--verbose", description = "print stack traces on errors")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        OnnxModel m = OnnxModel.read(model);
        float[][] beats = readBeats(input);
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
            for (Prediction p : predictions) {
                Map<String, Object> row = new LinkedHashMap<>();
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
            out.println("beat\tlabel\tprobability");
            int[] counts = new int[labels.size()];
            for (int i = 0; i < predictions.size(); i++) {
                Prediction p = predictions.get(i);
                int c = p.predictedClass();
                counts[c]++;
                out.printf("%d\t%s\t%.4f%n", i, labels.get(c), p.probabilities()[c]);
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

    /**
     * Reads a CSV of beats: each row 175 finite numbers; skips blank lines, {@code #} comments and a first
     * non-numeric row (a header).
     *
     * @throws EcgFormatException naming the line and column of the first bad value or short row
     */
    static float[][] readBeats(Path file) throws IOException {
        List<float[]> beats = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
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

    /** Accepts pure-java / onnx-runtime (and the enum names). */
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
