package io.github.ecgid.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ecgid.model.nn.BatchNormParams;
import io.github.ecgid.model.nn.CnnWeights;
import io.github.ecgid.model.onnx.ModelProvenance;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Deterministic networks, beats and the PyTorch reference model shared by the model tests. */
public final class TestModels {

    public static final String PYTORCH_ONNX = "/models/lightweight-cnn-pytorch.onnx";
    public static final String PYTORCH_GOLDEN = "/models/lightweight-cnn-pytorch.golden.json";

    private TestModels() {
    }

    /** He-initialised weights with non-trivial BatchNorm statistics, so folding is actually exercised. */
    public static CnnWeights randomWeights(int classes, long seed) {
        CnnWeights w = CnnWeights.heInitialized(classes, seed);
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x5DEECE66DL);
        return new CnnWeights(w.conv1(), randomBn(rnd, 32), w.conv2(), randomBn(rnd, 64), w.conv3(),
                randomBn(rnd, 128), w.fc1(), w.fc2());
    }

    private static BatchNormParams randomBn(SplittableRandom rnd, int c) {
        float[] gamma = new float[c];
        float[] beta = new float[c];
        float[] mean = new float[c];
        float[] var = new float[c];
        for (int i = 0; i < c; i++) {
            gamma[i] = (float) rnd.nextDouble(0.5, 1.5);
            beta[i] = (float) rnd.nextDouble(-0.3, 0.3);
            mean[i] = (float) rnd.nextDouble(-0.5, 0.5);
            var[i] = (float) rnd.nextDouble(0.2, 2.0);
        }
        return new BatchNormParams(gamma, beta, mean, var, BatchNormParams.DEFAULT_EPS);
    }

    public static List<String> labels(int n) {
        List<String> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add("person-" + i);
        }
        return l;
    }

    public static ModelProvenance provenance(int classes) {
        return ModelProvenance.builder().classLabels(labels(classes)).samplingRateHz(250)
                .preprocessing("test").seed(7).build();
    }

    /** Beat-like random signals: a QRS-ish bump at sample 75 plus noise, roughly z-scored. */
    public static float[][] randomBeats(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[][] beats = new float[n][BeatClassifier.BEAT_LENGTH];
        for (int b = 0; b < n; b++) {
            double amp = rnd.nextDouble(1, 4);
            double width = rnd.nextDouble(3, 8);
            for (int t = 0; t < BeatClassifier.BEAT_LENGTH; t++) {
                double d = (t - 75) / width;
                beats[b][t] = (float) (amp * Math.exp(-d * d) - 0.3 + rnd.nextDouble(-0.5, 0.5));
            }
        }
        return beats;
    }

    public static byte[] resource(String name) {
        try (InputStream in = TestModels.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the PyTorch reference model into {@code dir} and returns its path. */
    public static Path pytorchModelFile(Path dir) throws IOException {
        Path p = dir.resolve("lightweight-cnn-pytorch.onnx");
        Files.write(p, resource(PYTORCH_ONNX));
        return p;
    }

    /** The golden file: 16 beats and the logits PyTorch computed for them. */
    public record Golden(float[][] beats, float[][] logits, int[] labels) {
    }

    public static Golden golden() {
        try {
            JsonNode root = new ObjectMapper().readTree(resource(PYTORCH_GOLDEN));
            return new Golden(matrix(root.get("beats")), matrix(root.get("logits")), ints(root.get("labels")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static float[][] matrix(JsonNode rows) {
        float[][] m = new float[rows.size()][];
        for (int i = 0; i < m.length; i++) {
            JsonNode row = rows.get(i);
            m[i] = new float[row.size()];
            for (int j = 0; j < m[i].length; j++) {
                m[i][j] = (float) row.get(j).asDouble();
            }
        }
        return m;
    }

    private static int[] ints(JsonNode arr) {
        int[] v = new int[arr.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = arr.get(i).asInt();
        }
        return v;
    }

    public static double maxAbsDiff(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(a.length + " vs " + b.length);
        }
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs((double) a[i] - b[i]));
        }
        return m;
    }
}
