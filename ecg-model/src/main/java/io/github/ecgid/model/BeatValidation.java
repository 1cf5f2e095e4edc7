package io.github.ecgid.model;

import io.github.ecgid.core.EcgModelException;

/**
 * Checks beats before they reach a network, so bad input fails loudly instead of predicting garbage, and the
 * network's outputs after, so that a model with broken weights (e.g. a weight of 3e38) is refused instead of
 * scoring NaN.
 */
public final class BeatValidation {

    private BeatValidation() {
    }

    /**
     * Checks that {@code beat} has {@link BeatClassifier#BEAT_LENGTH} finite samples.
     *
     * @param beatIndex position of the beat in its batch, used in the message (-1 for a single beat)
     * @throws EcgModelException naming the beat, the sample and the problem
     */
    public static void check(float[] beat, int beatIndex) {
        String which = beatIndex < 0 ? "beat" : "beat " + beatIndex;
        if (beat == null) {
            throw new EcgModelException(which + " is null");
        }
        if (beat.length != BeatClassifier.BEAT_LENGTH) {
            throw new EcgModelException(which + " has " + beat.length + " samples; the network takes "
                    + BeatClassifier.BEAT_LENGTH);
        }
        for (int i = 0; i < beat.length; i++) {
            if (!Float.isFinite(beat[i])) {
                throw new EcgModelException(which + ": sample " + i + " is " + beat[i]
                        + "; beats must be finite");
            }
        }
    }

    /** Checks every beat of a batch (see {@link #check(float[], int)}). */
    public static void checkAll(float[][] beats) {
        if (beats == null) {
            throw new EcgModelException("beat batch is null");
        }
        for (int b = 0; b < beats.length; b++) {
            check(beats[b], b);
        }
    }

    /**
     * Checks that a network's output for a beat is finite.
     *
     * @param beatIndex position of the beat in its batch (-1 for a single beat)
     * @return the prediction
     * @throws EcgModelException naming the beat and the output, when a logit or embedding value is NaN or infinite
     */
    public static Prediction checkOutput(Prediction p, int beatIndex) {
        String which = beatIndex < 0 ? "the beat" : "beat " + beatIndex;
        float[] logits = p.logits();
        for (int i = 0; i < logits.length; i++) {
            if (!Float.isFinite(logits[i])) {
                throw new EcgModelException("the model computed logit " + i + " = " + logits[i] + " for " + which
                        + "; its weights are broken (overflowing or NaN): re-export or retrain it");
            }
        }
        float[] emb = p.embedding();
        for (int i = 0; i < emb.length; i++) {
            if (!Float.isFinite(emb[i])) {
                throw new EcgModelException("the model computed embedding value " + i + " = " + emb[i] + " for "
                        + which + "; its weights are broken (overflowing or NaN): re-export or retrain it");
            }
        }
        return p;
    }
}
