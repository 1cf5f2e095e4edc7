package io.github.ecgid.model.identify;

/**
 * Whether a recording matches a claimed identity ({@link EcgIdentifier#verify}).
 *
 * @param claimedId the identity that was claimed
 * @param accepted  {@code score >= threshold}
 * @param score     fused cosine similarity of the beats' embeddings to the claimed template, in [-1, 1]
 * @param threshold the acceptance threshold
 * @param beatsUsed number of beats that entered the score (0: nothing usable, always rejected)
 */
public record Verification(String claimedId, boolean accepted, double score, double threshold, int beatsUsed) {
}
