package io.github.ecgid.model.nn;

/**
 * What the network says about one beat.
 *
 * @param logits    N unnormalised class scores (fc2 output); copied in and out
 * @param embedding the 64-d embedding: fc1 output after ReLU (so every value is {@code >= 0}), before dropout;
 *                  copied in and out
 */
public record CnnOutput(float[] logits, float[] embedding) {

    public CnnOutput {
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

    /** Softmax of the logits (numerically stable), summing to 1. */
    public double[] probabilities() {
        return softmax(logits);
    }

    /** Index of the largest logit (the lowest index on ties). */
    public int predictedClass() {
        return argmax(logits);
    }

    /** Numerically stable softmax of any logits. */
    public static double[] softmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double[] p = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(logits[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /** Index of the largest value (the lowest index on ties). */
    public static int argmax(float[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }
}
