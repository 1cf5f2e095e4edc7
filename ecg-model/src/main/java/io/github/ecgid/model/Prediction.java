package io.github.ecgid.model;

import io.github.ecgid.model.nn.CnnOutput;
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
        double[] p = CnnOutput.softmax(logits);
        float[] f = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            f[i] = (float) p[i];
        }
        return f;
    }

    /** Index of the largest logit (the first one on ties). */
    public int predictedClass() {
        return CnnOutput.argmax(logits);
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
