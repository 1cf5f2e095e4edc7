package io.github.ecgid.signal.detect;

import java.util.Arrays;

/**
 * A signal-quality index from the agreement of two R-peak detectors: bSQI (Li Q, Mark RG, Clifford GD. Robust
 * heart rate estimation from multiple asynchronous noisy sources using signal quality indices and a Kalman
 * filter. Physiol Meas 29(1):15-32, 2008): in each window, the beats both detectors found (within a tolerance,
 * one-to-one) over all beats either found, {@code matched / (nA + nB - matched)}, 1 for perfect agreement.
 * Two detectors of different design agree on clean ECG and part ways on noise, so a low bSQI flags a window
 * whose beats should not be trusted. Per beat: whether the other detector found it too.
 *
 * <pre>{@code
 * BeatAgreement q = BeatAgreement.of(pt.indexSamples(), ham.indexSamples(), 360, x.length, 10, 150);
 * double overall = q.overall();  boolean trusted = q.agreed()[i];  double w = q.windows()[k];
 * }</pre>
 *
 * @param agreed         per beat of the first detector: the second found it too
 * @param windows        bSQI per window of {@code windowSeconds} (the last may be shorter); NaN where neither
 *                       detector found a beat
 * @param overall        bSQI over the whole signal (NaN when neither found a beat)
 * @param windowSeconds  the window length
 */
public record BeatAgreement(boolean[] agreed, double[] windows, double overall, double windowSeconds) {

    /** Window length of the paper, seconds. */
    public static final double DEFAULT_WINDOW_SECONDS = 10;

    /** Matching tolerance of the paper, ms. */
    public static final double DEFAULT_TOLERANCE_MS = 150;

    /**
     * bSQI of two detections of the same signal.
     *
     * @param a              R-peaks of the first detector, sorted sample indices
     * @param b              R-peaks of the second detector, sorted sample indices
     * @param samplingRateHz the signal's rate
     * @param lengthSamples  the signal's length (sets the number of windows)
     * @param windowSeconds  window length, &gt; 0
     * @param toleranceMs    matching tolerance, &ge; 0
     */
    public static BeatAgreement of(int[] a, int[] b, double samplingRateHz, int lengthSamples, double windowSeconds,
                                   double toleranceMs) {
        if (!(samplingRateHz > 0) || !(windowSeconds > 0) || !(toleranceMs >= 0) || lengthSamples < 0
                || Double.isInfinite(windowSeconds) || Double.isInfinite(toleranceMs)) {
            throw new IllegalArgumentException("need a positive rate and window, a tolerance >= 0 and a length >= 0; "
                    + "got " + samplingRateHz + " Hz, " + windowSeconds + " s, " + toleranceMs + " ms, "
                    + lengthSamples + " samples");
        }
        int tol = (int) Math.round(toleranceMs * samplingRateHz / 1000.0);
        int win = Math.max(1, (int) Math.round(windowSeconds * samplingRateHz));
        int nWin = Math.max(1, (lengthSamples + win - 1) / win);
        boolean[] agreed = new boolean[a.length];
        int[] matched = new int[nWin];
        int[] countA = new int[nWin];
        int[] countB = new int[nWin];
        // one-to-one greedy matching in time order: each beat of b pairs with at most one of a, the nearest first
        int j = 0;
        boolean[] used = new boolean[b.length];
        for (int i = 0; i < a.length; i++) {
            while (j < b.length && b[j] < a[i] - tol) {
                j++;
            }
            int best = -1;
            for (int k = j; k < b.length && b[k] <= a[i] + tol; k++) {
                if (!used[k] && (best < 0 || Math.abs(b[k] - a[i]) < Math.abs(b[best] - a[i]))) {
                    best = k;
                }
            }
            if (best >= 0) {
                used[best] = true;
                agreed[i] = true;
                matched[window(a[i], win, nWin)]++;
            }
            countA[window(a[i], win, nWin)]++;
        }
        for (int s : b) {
            countB[window(s, win, nWin)]++;
        }
        double[] w = new double[nWin];
        long m = 0;
        long na = 0;
        long nb = 0;
        for (int k = 0; k < nWin; k++) {
            w[k] = bsqi(matched[k], countA[k], countB[k]);
            m += matched[k];
            na += countA[k];
            nb += countB[k];
        }
        return new BeatAgreement(agreed, w, bsqi(m, na, nb), windowSeconds);
    }

    private static int window(int sample, int win, int nWin) {
        return Math.min(nWin - 1, Math.max(0, sample / win));
    }

    private static double bsqi(long matched, long na, long nb) {
        long union = na + nb - matched;
        return union == 0 ? Double.NaN : (double) matched / union;
    }

    /** Share of the beats of the first detector that the second confirmed (NaN with no beats). */
    public double agreedFraction() {
        int n = 0;
        for (boolean v : agreed) {
            n += v ? 1 : 0;
        }
        return agreed.length == 0 ? Double.NaN : (double) n / agreed.length;
    }

    /** The lowest window bSQI (NaN when no window has beats). */
    public double minWindow() {
        return Arrays.stream(windows).filter(v -> !Double.isNaN(v)).min().orElse(Double.NaN);
    }

    /** Share of the windows with beats whose bSQI is below {@code threshold} (NaN when none has beats). */
    public double fractionBelow(double threshold) {
        long with = Arrays.stream(windows).filter(v -> !Double.isNaN(v)).count();
        long below = Arrays.stream(windows).filter(v -> !Double.isNaN(v) && v < threshold).count();
        return with == 0 ? Double.NaN : (double) below / with;
    }
}
