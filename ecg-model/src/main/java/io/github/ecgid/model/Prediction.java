package io.github.ecgid.model;

import java.util.Arrays;

/**
 * The network's output for one beat: the class logits and the 64-value embedding (the output of the first
 * dense layer after its ReLU, which enrollment and verification compare).
 *
 * <p>Arrays are copied in and out, so a prediction never changes after it is made.
 *
 * @param logits    unnormalised class scores, one per class label, in the model's class order
 * @param embedding the 64-dimensional embedding of the beat
 */
public record Prediction(float[] logits, float[] embedding) {

    public Prediction {
        if (logits.length == 0) {
            throw new IllegalArgumentException("a prediction needs at least one logit");
        }
        logits = logits.clone();
        embedding = embedding.clone();
    }

    @Override
    public float[] logits() {
        return logits.clone();
    }

    @Override
    public float[] embedding() {
        return embedding.clone();
    }

    /** Softmax of the logits (numerically stable; sums to 1). */
    public float[] probabilities() {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double[] e = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            e[i] = Math.exp(logits[i] - max);
            sum += e[i];
        }
        float[] p = new float[logits.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (e[i] / sum);
        }
        return p;
    }

    /** Index of the largest logit (the first one on ties). */
    public int predictedClass() {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Prediction p && Arrays.equals(logits, p.logits) && Arrays.equals(embedding, p.embedding);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(logits) + Arrays.hashCode(embedding);
    }

    @Override
    public String toString() {
        return "Prediction[class=" + predictedClass() + ", logits=" + Arrays.toString(logits) + "]";
    }
}
