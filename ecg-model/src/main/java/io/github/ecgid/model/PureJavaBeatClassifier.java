package io.github.ecgid.model;

import io.github.ecgid.model.nn.LightweightCnn;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** {@link BeatClassifier} on the pure-Java {@link LightweightCnn} (which is itself thread-safe). */
final class PureJavaBeatClassifier implements BeatClassifier {

    private final LightweightCnn network;
    private final List<String> classLabels;
    private volatile boolean closed;

    PureJavaBeatClassifier(LightweightCnn network, List<String> classLabels) {
        this.network = Objects.requireNonNull(network, "network");
        this.classLabels = List.copyOf(classLabels);
        if (this.classLabels.size() != network.numClasses()) {
            throw new IllegalArgumentException(classLabels.size() + " labels for " + network.numClasses()
                    + " classes");
        }
    }

    @Override
    public Engine engine() {
        return Engine.PURE_JAVA;
    }

    @Override
    public List<String> classLabels() {
        return classLabels;
    }

    @Override
    public Prediction predict(float[] beat) {
        ensureOpen();
        BeatValidation.check(beat, -1);
        float[] logits = new float[network.numClasses()];
        float[] embedding = new float[EMBEDDING_SIZE];
        network.predict(beat, logits, embedding);
        return BeatValidation.checkOutput(new Prediction(logits, embedding), -1);
    }

    @Override
    public List<Prediction> predictBatch(float[][] beats) {
        ensureOpen();
        BeatValidation.checkAll(beats);
        int n = network.numClasses();
        float[] flat = new float[beats.length * BEAT_LENGTH];
        for (int b = 0; b < beats.length; b++) {
            System.arraycopy(beats[b], 0, flat, b * BEAT_LENGTH, BEAT_LENGTH);
        }
        float[] logits = new float[beats.length * n];
        float[] emb = new float[beats.length * EMBEDDING_SIZE];
        network.predictBatch(flat, beats.length, logits, emb);
        List<Prediction> out = new ArrayList<>(beats.length);
        for (int b = 0; b < beats.length; b++) {
            out.add(BeatValidation.checkOutput(new Prediction(java.util.Arrays.copyOfRange(logits, b * n, (b + 1) * n),
                    java.util.Arrays.copyOfRange(emb, b * EMBEDDING_SIZE, (b + 1) * EMBEDDING_SIZE)), b));
        }
        return out;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("pure-Java beat classifier has been closed");
        }
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public String toString() {
        return "BeatClassifier[pure-java, classes=" + classLabels.size() + "]";
    }
}
