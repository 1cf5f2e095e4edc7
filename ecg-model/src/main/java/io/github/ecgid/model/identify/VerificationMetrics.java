package io.github.ecgid.model.identify;

import java.util.Arrays;

/**
 * Verification error rates from genuine (same person) and impostor (other person) similarity scores,
 * where a higher score means "more likely the same person". A claim is accepted when
 * {@code score >= threshold}.
 *
 * <pre>{@code
 * VerificationMetrics v = VerificationMetrics.of(genuineScores, impostorScores);
 * double eer = v.eer();                         // equal error rate, fraction
 * double t = v.thresholdAtFar(0.001);           // accept at most 0.1 % impostors
 * }</pre>
 */
public final class VerificationMetrics {
    private final double[] genuine;
    private final double[] impostor;

    private VerificationMetrics(double[] genuine, double[] impostor) {
        this.genuine = genuine;
        this.impostor = impostor;
    }

    /** Sorts copies of both score sets; both must be non-empty and finite. */
    public static VerificationMetrics of(double[] genuineScores, double[] impostorScores) {
        if (genuineScores.length == 0 || impostorScores.length == 0) {
            throw new IllegalArgumentException("need genuine and impostor scores, got " + genuineScores.length
                    + " genuine and " + impostorScores.length + " impostor");
        }
        double[] g = genuineScores.clone();
        double[] i = impostorScores.clone();
        for (double s : g) {
            requireFinite(s);
        }
        for (double s : i) {
            requireFinite(s);
        }
        Arrays.sort(g);
        Arrays.sort(i);
        return new VerificationMetrics(g, i);
    }

    private static void requireFinite(double s) {
        if (!Double.isFinite(s)) {
            throw new IllegalArgumentException("scores must be finite, got " + s);
        }
    }

    /** Fraction of impostor scores accepted at a threshold ({@code score >= threshold}). */
    public double far(double threshold) {
        return (double) (impostor.length - lowerBound(impostor, threshold)) / impostor.length;
    }

    /** Fraction of genuine scores rejected at a threshold ({@code score < threshold}). */
    public double frr(double threshold) {
        return (double) lowerBound(genuine, threshold) / genuine.length;
    }

    /**
     * Equal error rate: the rate where FAR and FRR cross, interpolated between the two nearest candidate
     * thresholds (every distinct score is a candidate).
     */
    public double eer() {
        double[] candidates = candidates();
        double prevFar = 1;
        double prevFrr = 0;
        for (double t : candidates) {
            double far = far(t);
            double frr = frr(t);
            if (far <= frr) {
                // FAR falls and FRR rises with t: interpolate the crossing between the previous and this one
                double d0 = prevFar - prevFrr;
                double d1 = far - frr;
                if (d0 == d1) {
                    return (far + frr) / 2;
                }
                double w = d0 / (d0 - d1);
                return prevFar + w * (far - prevFar);
            }
            prevFar = far;
            prevFrr = frr;
        }
        return (prevFar + prevFrr) / 2;
    }

    /** The lowest threshold whose FAR is at most {@code targetFar} (fraction, e.g. 0.001 for 0.1 %). */
    public double thresholdAtFar(double targetFar) {
        if (!(targetFar >= 0 && targetFar <= 1)) {
            throw new IllegalArgumentException("targetFar must be in [0, 1], got " + targetFar);
        }
        int allowed = (int) Math.floor(targetFar * impostor.length);
        // accept at most 'allowed' impostors: threshold just above the (allowed+1)-th highest impostor score
        if (allowed >= impostor.length) {
            return impostor[0];
        }
        double cut = impostor[impostor.length - 1 - allowed];
        return Math.nextUp(cut);
    }

    /** FRR at the threshold that gives FAR at most {@code targetFar}. */
    public double frrAtFar(double targetFar) {
        return frr(thresholdAtFar(targetFar));
    }

    /** Number of genuine scores. */
    public int genuineCount() {
        return genuine.length;
    }

    /** Number of impostor scores. */
    public int impostorCount() {
        return impostor.length;
    }

    /**
     * Detection-error trade-off curve: {@code [i][0]} threshold, {@code [i][1]} FAR, {@code [i][2]} FRR, at
     * up to {@code maxPoints} thresholds spread over the score range.
     */
    public double[][] detCurve(int maxPoints) {
        double[] c = candidates();
        int n = Math.min(maxPoints, c.length);
        double[][] out = new double[n][];
        for (int k = 0; k < n; k++) {
            double t = c[(int) ((long) k * (c.length - 1) / Math.max(1, n - 1))];
            out[k] = new double[] {t, far(t), frr(t)};
        }
        return out;
    }

    private double[] candidates() {
        double[] all = new double[genuine.length + impostor.length];
        System.arraycopy(genuine, 0, all, 0, genuine.length);
        System.arraycopy(impostor, 0, all, genuine.length, impostor.length);
        Arrays.sort(all);
        return Arrays.stream(all).distinct().toArray();
    }

    /** Index of the first element {@code >= key} in a sorted array. */
    private static int lowerBound(double[] sorted, double key) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Override
    public String toString() {
        return String.format("VerificationMetrics[%d genuine, %d impostor, EER %.4f]", genuine.length,
                impostor.length, eer());
    }
}
