package io.github.ecgid.model.identify;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who a recording belongs to, as {@link EcgIdentifier#identify} decided.
 *
 * <p>In closed-set mode (no one enrolled) {@code score} is the mean softmax probability of the winning
 * class over the beats used. In open-set mode it is the fused cosine similarity of the beats' embeddings to
 * the winner's template, and the result is {@link #isUnknown() unknown} when it falls below
 * {@code threshold}.
 *
 * @param personId   the best-matching person, or {@code null} when unknown
 * @param score      the winner's score, not a probability in open set: closed set: mean softmax probability in
 *                   [0, 1]; open set: cosine similarity in [-1, 1] (calibrate a threshold on it, see
 *                   {@link EcgIdentifier#calibrateOnCohort})
 * @param threshold  the acceptance threshold the decision used (0 in closed-set mode without one)
 * @param beatsUsed  number of beats that entered the decision
 * @param mode       how the decision was made
 * @param ranking    every candidate with its score, best first (with gallery normalisation ranked by normalised
 *                   score while the scores shown stay cosines: {@link EcgIdentifier.Builder#galleryNormalization});
 *                   empty when the signal was refused
 * @param quality    how usable the signal was; when {@link SignalQuality#tooNoisy() too noisy} nothing was scored
 *                   and the result names nobody
 */
public record Identification(String personId, double score, double threshold, int beatsUsed, Mode mode,
                             List<Candidate> ranking, SignalQuality quality) {

    public Identification {
        ranking = List.copyOf(ranking);
        Objects.requireNonNull(quality, "quality");
        if (quality.tooNoisy() && personId != null) {
            throw new IllegalArgumentException("a signal refused as too noisy names nobody, got " + personId);
        }
    }

    /** A decision from beats that were not assessed ({@link SignalQuality#given}). */
    public Identification(String personId, double score, double threshold, int beatsUsed, Mode mode,
                          List<Candidate> ranking) {
        this(personId, score, threshold, beatsUsed, mode, ranking, SignalQuality.given(beatsUsed));
    }

    /** The refusal of a signal too noisy to decide on: nobody named, nothing scored. */
    static Identification tooNoisy(SignalQuality quality, double threshold, Mode mode) {
        return new Identification(null, 0, threshold, quality.beatsUsable(), mode, List.of(), quality);
    }

    /** How the identifier decided. */
    public enum Mode {
        /** Softmax over the classes the network was trained on. */
        CLOSED_SET,
        /** Cosine similarity to enrolled templates, with rejection of unknown people. */
        OPEN_SET,
        /**
         * Verification only ({@link EcgIdentifier#verify}), of a person who is enrolled and also one of the
         * network's classes: the template cosine plus a weighted log of the class's mean softmax probability
         * ({@link EcgIdentifier#combinedScore}).
         */
        COMBINED
    }

    /** One candidate identity and its score (probability or cosine similarity, per {@link Mode}). */
    public record Candidate(String personId, double score) {
    }

    /** Whether nobody matched well enough, or the signal was {@link #tooNoisy() too noisy} to decide on. */
    public boolean isUnknown() {
        return personId == null;
    }

    /**
     * The winner's score under its old name: a cosine in open set, not a confidence.
     *
     * @deprecated use {@link #score()}; kept for one release
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public double confidence() {
        return score;
    }

    /** Whether the signal was refused as too noisy ({@link SignalQuality#reason()} says why). */
    public boolean tooNoisy() {
        return quality.tooNoisy();
    }

    /** The identified person, empty when unknown. */
    public Optional<String> person() {
        return Optional.ofNullable(personId);
    }

    @Override
    public String toString() {
        if (tooNoisy()) {
            return "TOO NOISY (" + quality.reason() + ")";
        }
        return isUnknown()
                ? String.format("UNKNOWN (best %.3f < %.3f, %d beats)", ranking.isEmpty() ? Double.NaN
                        : ranking.get(0).score(), threshold, beatsUsed)
                : String.format("%s, score %.2f (%d beats)", personId, score, beatsUsed);
    }
}
