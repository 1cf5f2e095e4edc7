package io.github.ecgid.model.identify;

import java.util.Objects;

/**
 * Whether a recording matches a claimed identity ({@link EcgIdentifier#verify}).
 *
 * @param claimedId the identity that was claimed
 * @param accepted  {@code score >= threshold}
 * @param score     open set: cosine of the beats' mean identity vector to the claimed template, in [-1, 1];
 *                  combined: that cosine plus the weighted log of the claimed class's mean softmax probability
 *                  ({@link EcgIdentifier#combinedScore}), at most 1;
 *                  closed set: the claimed class's softmax probability averaged over the beats, in [0, 1]
 * @param threshold the acceptance threshold (on the same scale as the score)
 * @param beatsUsed number of beats that entered the score (0: nothing usable, always rejected)
 * @param mode      {@code OPEN_SET} (the person is enrolled), {@code COMBINED} (enrolled and one of the
 *                  network's classes) or {@code CLOSED_SET} (only one of the network's classes)
 * @param quality   how usable the signal was; a signal {@link SignalQuality#tooNoisy() too noisy} is not scored and
 *                  never accepted
 */
public record Verification(String claimedId, boolean accepted, double score, double threshold, int beatsUsed,
                           Identification.Mode mode, SignalQuality quality) {

    public Verification {
        Objects.requireNonNull(quality, "quality");
        if (quality.tooNoisy() && accepted) {
            throw new IllegalArgumentException("a signal refused as too noisy is never accepted");
        }
    }

    /** A verification of beats that were not assessed ({@link SignalQuality#given}). */
    public Verification(String claimedId, boolean accepted, double score, double threshold, int beatsUsed,
                        Identification.Mode mode) {
        this(claimedId, accepted, score, threshold, beatsUsed, mode, SignalQuality.given(beatsUsed));
    }

    /** Whether the signal was refused as too noisy ({@link SignalQuality#reason()} says why). */
    public boolean tooNoisy() {
        return quality.tooNoisy();
    }
}
