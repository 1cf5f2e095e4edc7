package io.github.ecgid.signal.eval;

import io.github.ecgid.core.Annotation;
import io.github.ecgid.core.Annotations;

/**
 * Matches detected R-peaks one-to-one to reference beats within a tolerance, as the ANSI/AAMI EC57 beat-by-beat
 * comparison does: each reference beat takes at most one detection and each detection at most one reference
 * beat, the nearest pairs first in time order.
 *
 * <pre>{@code
 * long[] ref = record.annotations().beatSamples();
 * DetectionScore s = BeatMatcher.match(ref, peaks.indexSamples(), BeatMatcher.toleranceSamples(150, 360));
 * }</pre>
 */
public final class BeatMatcher {
    private BeatMatcher() {
    }

    /** Tolerance in samples for a tolerance in milliseconds at a sampling rate (rounded down). */
    public static int toleranceSamples(double toleranceMs, double samplingRateHz) {
        if (!(toleranceMs >= 0) || !(samplingRateHz > 0)) {
            throw new IllegalArgumentException("Need toleranceMs >= 0 and samplingRateHz > 0, got " + toleranceMs
                    + " ms at " + samplingRateHz + " Hz");
        }
        return (int) Math.floor(toleranceMs * samplingRateHz / 1000.0 + 1e-9);
    }

    /** Reference beats ({@link Annotation#isBeat()}, the symbols N L R B A a J S V r F e j n E / f Q ?). */
    public static long[] referenceBeats(Annotations annotations) {
        return annotations.beatSamples();
    }

    /**
     * Counts TP, FP and FN. Both inputs must be ascending. A detection and a reference beat match when
     * {@code |d - r| <= toleranceSamples}; greedy in time order, which for sorted inputs and a tolerance below
     * half the smallest RR interval is the optimal one-to-one matching.
     */
    public static DetectionScore match(long[] reference, int[] detected, int toleranceSamples) {
        long[] d = new long[detected.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = detected[i];
        }
        return match(reference, d, toleranceSamples);
    }

    /** As {@link #match(long[], int[], int)} with long detections (streams). */
    public static DetectionScore match(long[] reference, long[] detected, int toleranceSamples) {
        requireAscending(reference, "reference");
        requireAscending(detected, "detected");
        int i = 0;
        int j = 0;
        long tp = 0;
        while (i < reference.length && j < detected.length) {
            long diff = detected[j] - reference[i];
            if (Math.abs(diff) <= toleranceSamples) {
                // if the next detection is closer to this reference beat and the current one is not closer to
                // anything later, pair the closer one
                if (j + 1 < detected.length && Math.abs(detected[j + 1] - reference[i]) < Math.abs(diff)
                        && (i + 1 >= reference.length
                        || Math.abs(detected[j] - reference[i + 1]) > toleranceSamples)) {
                    j++; // detected[j] stays unmatched: FP
                    continue;
                }
                tp++;
                i++;
                j++;
            } else if (diff < 0) {
                j++;
            } else {
                i++;
            }
        }
        return new DetectionScore(tp, detected.length - tp, reference.length - tp);
    }

    private static void requireAscending(long[] v, String what) {
        for (int k = 1; k < v.length; k++) {
            if (v[k] < v[k - 1]) {
                throw new IllegalArgumentException(what + " positions must be ascending; index " + k + " has "
                        + v[k] + " after " + v[k - 1]);
            }
        }
    }
}
