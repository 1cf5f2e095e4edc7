package io.github.ecgid.hrv;

import java.util.Arrays;

/** Small numeric helpers matching numpy's conventions (linear-interpolation percentiles, two-pass variance). */
final class Stats {
    private Stats() {
    }

    static double mean(double[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += x[i];
        }
        return s / (to - from);
    }

    static double mean(double[] x) {
        return mean(x, 0, x.length);
    }

    /** Standard deviation with {@code n - ddof} in the denominator; NaN when n - ddof &lt;= 0. */
    static double std(double[] x, int from, int to, int ddof) {
        int n = to - from;
        if (n - ddof <= 0) {
            return Double.NaN;
        }
        double m = mean(x, from, to);
        double ss = 0;
        for (int i = from; i < to; i++) {
            double d = x[i] - m;
            ss += d * d;
        }
        return Math.sqrt(ss / (n - ddof));
    }

    static double std(double[] x, int ddof) {
        return std(x, 0, x.length, ddof);
    }

    /** numpy.percentile(x, q) with linear interpolation, on an ascending-sorted array. */
    static double percentileSorted(double[] sorted, double q) {
        return percentileSorted(sorted, sorted.length, q);
    }

    /** As {@link #percentileSorted(double[], double)} over the first {@code n} values. */
    static double percentileSorted(double[] sorted, int n, double q) {
        if (n == 0) {
            return Double.NaN;
        }
        double pos = q / 100.0 * (n - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, n - 1);
        double frac = pos - lo;
        return sorted[lo] + (sorted[hi] - sorted[lo]) * frac;
    }

    static double medianSorted(double[] sorted) {
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        return (n % 2 == 1) ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }

    static double[] sorted(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s;
    }
}
