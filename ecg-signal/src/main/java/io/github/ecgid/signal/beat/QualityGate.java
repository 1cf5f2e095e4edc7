package io.github.ecgid.signal.beat;

/**
 * Checks a beat must pass to be kept by {@link BeatSegmenter}: peak-to-peak amplitude in range, no
 * saturation, and (once enough beats have been kept) a Pearson correlation with the running median of the
 * recent kept beats of at least {@code minCorrelation}.
 *
 * @param minAmplitudeMv      smallest peak-to-peak amplitude of the raw window in mV
 * @param maxAmplitudeMv      largest peak-to-peak amplitude in mV
 * @param maxSaturatedSamples most successive samples allowed at the window's maximum or minimum value
 * @param minCorrelation      smallest correlation with the running median beat, -1..1
 * @param medianOf            number of recent kept beats the running median is taken over
 * @param warmUpBeats         kept beats needed before the correlation check applies
 */
public record QualityGate(double minAmplitudeMv, double maxAmplitudeMv, int maxSaturatedSamples,
                          double minCorrelation, int medianOf, int warmUpBeats) {

    public QualityGate {
        if (!(minAmplitudeMv >= 0 && maxAmplitudeMv > minAmplitudeMv) || maxSaturatedSamples < 1
                || !(minCorrelation >= -1 && minCorrelation <= 1) || medianOf < 1 || warmUpBeats < 1) {
            throw new IllegalArgumentException("Invalid quality gate " + minAmplitudeMv + ".." + maxAmplitudeMv
                    + " mV, saturation " + maxSaturatedSamples + ", correlation " + minCorrelation + ", median of "
                    + medianOf + ", warm-up " + warmUpBeats);
        }
    }

    /**
     * Defaults: 0.1 to 10 mV, at most 3 samples at an extreme, correlation at least 0.8 with the median of the
     * last 15 kept beats, after 5 beats.
     */
    public static QualityGate defaults() {
        return new QualityGate(0.1, 10.0, 3, 0.8, 15, 5);
    }

    /**
     * The amplitude and saturation checks of {@link #defaults()} without the correlation check: keeps ectopic
     * beats (a premature ventricular beat correlates poorly with the median sinus beat) while still dropping
     * flat, railed or implausibly large windows. For identification, where a person's ectopic beats are theirs.
     */
    public static QualityGate amplitudeOnly() {
        return new QualityGate(0.1, 10.0, 3, -1, 15, 5);
    }
}
