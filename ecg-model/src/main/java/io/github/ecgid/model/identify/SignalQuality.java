package io.github.ecgid.model.identify;

import io.github.ecgid.signal.beat.BeatPipeline;
import io.github.ecgid.signal.beat.Beats;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * How usable the signal behind a decision was, and whether it was refused as too noisy.
 *
 * <p>A signal is refused when fewer than {@value #MIN_USABLE_BEATS} beats passed the quality gate, or fewer than
 * half of the R-peaks the detector found: in noise the detector takes bursts for beats and the gate rejects most
 * of what it cuts, and the few beats that slip through are the ones a wrong person matches best. A refused signal
 * is never scored, so it cannot name anybody. Decisions made from beats the caller extracted
 * ({@link EcgIdentifier#identify(float[][])}) are not assessed ({@link #given}).
 *
 * @param beatsDetected R-peaks the detector found
 * @param beatsUsable   beats that passed the quality gate
 * @param reason        why the signal was refused (what was found and why beats were rejected); empty when usable
 */
public record SignalQuality(int beatsDetected, int beatsUsable, String reason) {
    /** Fewest usable beats a decision is made from. */
    public static final int MIN_USABLE_BEATS = 3;

    public SignalQuality {
        if (beatsDetected < 0 || beatsUsable < 0) {
            throw new IllegalArgumentException("beat counts must be >= 0, got " + beatsDetected + " and "
                    + beatsUsable);
        }
        reason = reason == null ? "" : reason;
    }

    /** Beats handed over already extracted: all of them usable, nothing assessed. */
    public static SignalQuality given(int beats) {
        return new SignalQuality(beats, beats, "");
    }

    /** Assesses counts of detected and usable beats by the rule above, without the rejection reasons. */
    public static SignalQuality assess(int detected, int usable) {
        return new SignalQuality(detected, usable, refusal(detected, usable, ""));
    }

    /** Assesses what the beat pipeline extracted from a signal, naming why beats were rejected when refused. */
    static SignalQuality of(BeatPipeline.Result r) {
        int usable = r.beats().length;
        return new SignalQuality(r.detectedPeaks(), usable, refusal(r.detectedPeaks(), usable, rejections(r)));
    }

    private static String refusal(int detected, int usable, String rejections) {
        if (usable >= MIN_USABLE_BEATS && 2 * usable >= detected) {
            return "";
        }
        return "signal too noisy: the detector found " + detected + " beats and " + usable + " passed the quality"
                + " gate (need at least " + MIN_USABLE_BEATS + " and half of those found)" + rejections;
    }

    /** "; rejected: 5 low correlation, 1 saturated" and the pipeline's note, or empty. */
    static String rejections(BeatPipeline.Result r) {
        Map<Beats.Reason, Integer> why = new EnumMap<>(Beats.Reason.class);
        r.rejected().forEach(x -> why.merge(x.reason(), 1, Integer::sum));
        StringBuilder s = new StringBuilder();
        why.forEach((reason, n) -> s.append(s.length() == 0 ? "; rejected: " : ", ").append(n).append(' ')
                .append(reason.name().toLowerCase(Locale.ROOT).replace('_', ' ')));
        if (!r.note().isEmpty()) {
            s.append("; ").append(r.note());
        }
        return s.toString();
    }

    /** Share of the detected beats that were usable, in [0, 1] (1 when none were detected and none given). */
    public double usableShare() {
        return beatsDetected == 0 ? (beatsUsable == 0 ? 0 : 1) : Math.min(1, (double) beatsUsable / beatsDetected);
    }

    /** Whether the signal was refused as too noisy; the decision then names nobody. */
    public boolean tooNoisy() {
        return !reason.isEmpty();
    }
}
