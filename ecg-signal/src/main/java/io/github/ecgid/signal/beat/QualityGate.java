package io.github.ecgid.signal.beat;

import java.util.Objects;

/**
 * Checks a beat must pass to be kept by {@link BeatSegmenter}: peak-to-peak amplitude in range, no
 * saturation, and a {@link ShapeCheck} against the beats around it.
 *
 * <pre>{@code
 * QualityGate.defaults();      // like the running median beat: drops noise and ectopic beats
 * QualityGate.recurring();     // like at least 2 of the last 30 beats: drops noise, keeps recurring ectopy
 * QualityGate.amplitudeOnly(); // no shape check
 * }</pre>
 *
 * @param minAmplitudeMv      smallest peak-to-peak amplitude of the raw window in mV
 * @param maxAmplitudeMv      largest peak-to-peak amplitude in mV
 * @param maxSaturatedSamples most successive samples allowed at the window's maximum or minimum value
 * @param shape               what the beat's shape is compared with
 */
public record QualityGate(double minAmplitudeMv, double maxAmplitudeMv, int maxSaturatedSamples,
                          ShapeCheck shape) {

    public QualityGate {
        Objects.requireNonNull(shape, "shape (ShapeCheck.none() for no shape check)");
        if (!(minAmplitudeMv >= 0 && maxAmplitudeMv > minAmplitudeMv) || maxSaturatedSamples < 1) {
            throw new IllegalArgumentException("Invalid quality gate " + minAmplitudeMv + ".." + maxAmplitudeMv
                    + " mV, saturation " + maxSaturatedSamples);
        }
    }

    /**
     * Defaults: 0.1 to 10 mV, at most 3 samples at an extreme, correlation at least 0.8 with the median of the
     * last 15 kept beats, after 5 beats ({@link ShapeCheck#likeMedian}).
     */
    public static QualityGate defaults() {
        return new QualityGate(0.1, 10.0, 3, ShapeCheck.likeMedian(0.8, 15, 5));
    }

    /**
     * The amplitude and saturation checks of {@link #defaults()} without a shape check: keeps ectopic
     * beats (a premature ventricular beat correlates poorly with the median sinus beat) while still dropping
     * flat, railed or implausibly large windows.
     */
    public static QualityGate amplitudeOnly() {
        return new QualityGate(0.1, 10.0, 3, ShapeCheck.none());
    }

    /**
     * The amplitude and saturation checks of {@link #defaults()}, and a beat must correlate at least 0.8 with 2
     * or more of the 30 beats before it ({@link ShapeCheck#recurring}): a shape that comes back is the
     * person's, whether sinus or a recurring ectopic focus; artefacts and noise bursts seldom repeat. For
     * people with frequent ectopic beats: on the MIT-BIH time split (cosine-margin network, three seeds) it
     * keeps 95 % of the beats and takes single-beat template rank-1 from 93.9–94.1 % ({@link #amplitudeOnly()})
     * to 95.0–95.3 %; on healthy people's short noisy records (ECG-ID) {@link #defaults()} does better
     * (docs/identification.md).
     */
    public static QualityGate recurring() {
        return new QualityGate(0.1, 10.0, 3, ShapeCheck.recurring(0.8, 30, 2));
    }

    /**
     * How a beat's shape is judged against its neighbours. Correlations are Pearson's, on the resampled beat,
     * -1 to 1.
     */
    public sealed interface ShapeCheck permits ShapeCheck.None, ShapeCheck.LikeMedian, ShapeCheck.Recurring {

        /** No shape check. */
        static ShapeCheck none() {
            return new None();
        }

        /**
         * Correlation at least {@code minCorrelation} with the element-wise median of the last {@code medianOf}
         * kept beats, once {@code warmUpBeats} have been kept. A rhythm with a second morphology (bigeminy,
         * frequent premature ventricular beats) loses that morphology's beats.
         */
        static ShapeCheck likeMedian(double minCorrelation, int medianOf, int warmUpBeats) {
            return new LikeMedian(minCorrelation, medianOf, warmUpBeats);
        }

        /**
         * Correlation at least {@code minCorrelation} with at least {@code minMatches} of the last
         * {@code recentBeats} beats that passed the amplitude checks, kept or not: a new morphology is kept
         * from the beat that has {@code minMatches} earlier twins on (its third occurrence when
         * {@code minMatches} is 2), and a noise burst cannot lock the gate. While fewer than {@code minMatches}
         * beats have been seen, beats are kept.
         */
        static ShapeCheck recurring(double minCorrelation, int recentBeats, int minMatches) {
            return new Recurring(minCorrelation, recentBeats, minMatches);
        }

        /** No shape check ({@link #none()}). */
        record None() implements ShapeCheck {
        }

        /** See {@link ShapeCheck#likeMedian}. */
        record LikeMedian(double minCorrelation, int medianOf, int warmUpBeats) implements ShapeCheck {
            public LikeMedian {
                if (!(minCorrelation >= -1 && minCorrelation <= 1) || medianOf < 1 || warmUpBeats < 1) {
                    throw new IllegalArgumentException("Invalid median shape check: correlation " + minCorrelation
                            + " (-1..1), median of " + medianOf + " (>= 1), warm-up " + warmUpBeats + " (>= 1)");
                }
            }
        }

        /** See {@link ShapeCheck#recurring}. */
        record Recurring(double minCorrelation, int recentBeats, int minMatches) implements ShapeCheck {
            public Recurring {
                if (!(minCorrelation >= -1 && minCorrelation <= 1) || minMatches < 1 || recentBeats < minMatches) {
                    throw new IllegalArgumentException("Invalid recurrence shape check: correlation "
                            + minCorrelation + " (-1..1), " + minMatches + " matches (>= 1) among " + recentBeats
                            + " recent beats (>= matches)");
                }
            }
        }
    }
}
