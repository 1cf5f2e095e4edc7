package io.github.ecgid.signal.filter;

/**
 * Median and median absolute deviation by selection (expected O(n), no full sort), as numpy's
 * {@code median} defines them (mean of the two middle values for even lengths; NaN if any value is NaN).
 */
public final class RobustStats {
    /** Scale factor making the MAD a consistent estimator of the standard deviation for Gaussian noise. */
    public static final double MAD_TO_SIGMA = 1.4826;

    private RobustStats() {
    }

    /** Median of {@code x}; {@code x} is left unchanged. NaN for an empty array. */
    public static double median(double[] x) {
        if (x.length >= SAMPLE_SELECT_MIN) {
            double m = sampledMedian(x, x.length, 0.0, false);
            if (!Double.isNaN(m) || hasNaN(x, x.length)) {
                return m;
            }
        }
        return medianInPlace(x.clone(), x.length);
    }

    private static boolean hasNaN(double[] x, int n) {
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(x[i])) {
                return true;
            }
        }
        return false;
    }

    /**
     * The median of {@code x} (or of {@code |x - center|} when {@code absDev}) without modifying {@code x}; NaN
     * when x holds a NaN or the bracket misses (then the caller falls back to selection on a copy).
     */
    private static double sampledMedian(double[] x, int n, double center, boolean absDev) {
        boolean even = (n & 1) == 0;
        double[] stats = sampledOrderStats(x, n, n / 2, even, center, absDev);
        return stats == null ? Double.NaN : even ? (stats[1] + stats[0]) / 2 : stats[0];
    }

    /**
     * The k-th smallest of {@code x[0, n)} (or of {@code |x - center|} when {@code absDev}) and, when
     * {@code withPrevious}, the (k-1)-th, as {@code {kth, previous}}, without modifying {@code x}: bracket rank k
     * between two order statistics of an evenly spread sample, copy the values inside the bracket to a buffer in
     * one pass (counting those below), and select among those ({@link #orderStats}). {@code null} when x holds a
     * NaN or the bracket misses. Needs {@code n >= 1024}.
     */
    private static double[] sampledOrderStats(double[] x, int n, int k, boolean withPrevious, double center,
                                              boolean absDev) {
        int m = (int) Math.min(16_384, Math.max(1024, 8 * Math.sqrt(n)));
        double[] sample = new double[m];
        // one sample per stretch of n/m values at a pseudo-random place inside it: spread like a random
        // sample (no aliasing with a periodic signal) but read in increasing order, which the prefetcher likes
        long step = n / m;
        long seed = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < m; i++) {
            seed = seed * 6364136223846793005L + 1442695040888963407L;
            int idx = (int) (i * step + ((seed >>> 33) % step));
            double v = x[idx];
            sample[i] = absDev ? Math.abs(v - center) : v;
        }
        int delta = (int) (3 * Math.sqrt(m)) + 1;
        int r = (int) ((long) k * m / n);
        int rl = Math.max(0, r - delta);
        double lo = select(sample, 0, m - 1, rl);
        double hi = select(sample, rl, m - 1, Math.min(m - 1, r + delta));
        if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
            return null;
        }
        // room for a quarter of the values: short inputs draw a small sample whose ±3σ bracket holds ~19 %
        int cap = n / 4 + 1024;
        double[] inside = new double[cap];
        // A value is below the bracket when the sign bit of v - lo is set, inside when neither v - lo nor
        // hi - v has it set (for finite lo, hi; -0.0 counts as below +0.0, consistently in both tests).
        // One pass: "below" is counted branch-free (about half the values are below, in no predictable
        // order), and only values near the bracket (a few percent) take the branch that tests and stores
        // them. The branch is on one comparison, |v - centre| > reach, which holds for every value outside a
        // slightly widened bracket; within it the exact sign-bit test decides. (Storing every value to
        // inside[w] and advancing w branch-free chains each iteration to the previous one through w: that
        // measured about 13 cycles per value, this loop under half of it.)
        // centre and half-width, widened by a few ulps to cover every rounding in 0.5 lo + 0.5 hi and v - centre
        double centre = 0.5 * lo + 0.5 * hi;
        double reach = 0.5 * hi - 0.5 * lo;
        reach += 4 * (Math.ulp(reach) + Math.ulp(centre) + Math.ulp(lo) + Math.ulp(hi));
        if (!Double.isFinite(hi - lo) || !Double.isFinite(reach)) {
            // |v - mid| could overflow for values inside the bracket: every value takes the exact test
            reach = Double.NaN;
        }
        long below = 0;
        int w = 0;
        boolean nan = false;
        for (int i = 0; i < n; i++) {
            double v = absDev ? Math.abs(x[i] - center) : x[i];
            long lt = Double.doubleToRawLongBits(v - lo) >>> 63;
            below += lt;
            // NaN (in v or, for a huge bracket, in reach) also takes the branch, where it is noted
            if (!(Math.abs(v - centre) > reach)) {
                nan |= v != v;
                long gt = Double.doubleToRawLongBits(hi - v) >>> 63;
                if ((lt | gt) == 0) {
                    if (w < cap) {
                        inside[w] = v;
                    }
                    w++;
                }
            }
        }
        int count = w;
        // The bracket must hold rank k (and, withPrevious, rank k - 1), and fit the buffer.
        if (nan || count > cap || k < below + (withPrevious ? 1 : 0) || k >= below + count) {
            return null;
        }
        return orderStats(inside, count, (int) (k - below), withPrevious);
    }

    /** Below this many values {@link #orderStats} selects directly. */
    private static final int NARROW_MIN = 65_536;

    /**
     * The k-th smallest of {@code a[0, len)} and, when {@code withPrevious}, the (k-1)-th (k >= 1 then), as
     * {@code {kth, previous}}; {@code a} (finite values) is reordered. Quickselect on the buffer the median's pass
     * kept (a million values for 24 h) is random access over several MB; so large ranges are first narrowed the
     * same way ({@link #sampledOrderStats}), in cache. Falls back to selecting on all of {@code a} if the bracket
     * misses.
     */
    private static double[] orderStats(double[] a, int len, int k, boolean withPrevious) {
        if (len >= NARROW_MIN) {
            double[] r = sampledOrderStats(a, len, k, withPrevious, 0.0, false);
            if (r != null) {
                return r;
            }
        }
        double upper = select(a, 0, len - 1, k);
        return new double[] {upper, withPrevious ? maxOf(a, 0, k) : Double.NaN};
    }

    /** Median of {@code work[0, n)}, reordering that range. */
    public static double medianInPlace(double[] work, int n) {
        if (n == 0) {
            return Double.NaN;
        }
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(work[i])) {
                return Double.NaN;
            }
        }
        int mid = n / 2;
        if (n >= SAMPLE_SELECT_MIN) {
            double m = sampleSelectMedian(work, n, mid);
            if (!Double.isNaN(m)) {
                return m;
            }
        }
        double hi = select(work, 0, n - 1, mid);
        if ((n & 1) == 1) {
            return hi;
        }
        return (maxOf(work, 0, mid) + hi) / 2;
    }

    /**
     * Below this length plain quickselect is as fast as sampling; above it (a 1 min record at 250 Hz is
     * 14,500 samples after trimming) the branchy quickselect costs twice the sampled pass.
     */
    private static final int SAMPLE_SELECT_MIN = 4_096;

    /**
     * Floyd-Rivest style: bracket the median between two order statistics of a pseudo-random sample, count
     * and compact the (few) values inside the bracket with branch-free passes, and select among those.
     * Returns NaN (data untouched) in the unlikely case the bracket misses, so the caller falls back.
     */
    private static double sampleSelectMedian(double[] a, int n, int mid) {
        int m = (int) Math.min(16_384, Math.max(1024, 8 * Math.sqrt(n)));
        double[] sample = new double[m];
        long seed = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < m; i++) {
            seed = seed * 6364136223846793005L + 1442695040888963407L;
            sample[i] = a[(int) ((seed >>> 33) % n)];
        }
        int delta = (int) (3 * Math.sqrt(m)) + 1;
        int r = (int) ((long) mid * m / n);
        int rl = Math.max(0, r - delta);
        double lo = select(sample, 0, m - 1, rl);
        double hi = select(sample, rl, m - 1, Math.min(m - 1, r + delta));
        if (Double.isInfinite(lo) || Double.isInfinite(hi)) {
            return Double.NaN;
        }
        // Sign bits as 0/1 keep these passes free of data-dependent branches (NaN was excluded earlier,
        // lo and hi are finite, so v - lo and hi - v are never NaN).
        int below = 0;
        int inside = 0;
        for (int i = 0; i < n; i++) {
            double v = a[i];
            int lt = (int) (Double.doubleToRawLongBits(v - lo) >>> 63);
            int gt = (int) (Double.doubleToRawLongBits(hi - v) >>> 63);
            below += lt;
            inside += 1 - (lt | gt);
        }
        boolean even = (n & 1) == 0;
        // The bracket must hold the median (and, for even n, the value just below it).
        if (mid < below + (even ? 1 : 0) || mid >= below + inside) {
            return Double.NaN;
        }
        int w = 0;
        for (int i = 0; i < n; i++) {
            double v = a[i];
            a[w] = v;
            int lt = (int) (Double.doubleToRawLongBits(v - lo) >>> 63);
            int gt = (int) (Double.doubleToRawLongBits(hi - v) >>> 63);
            w += 1 - (lt | gt);
        }
        int k = mid - below;
        double upper = select(a, 0, inside - 1, k);
        if (!even) {
            return upper;
        }
        return (maxOf(a, 0, k) + upper) / 2;
    }

    private static double maxOf(double[] a, int from, int to) {
        double m = a[from];
        for (int i = from + 1; i < to; i++) {
            if (a[i] > m) {
                m = a[i];
            }
        }
        return m;
    }

    /** Median of |x[i] - center|; {@code x} is left unchanged. */
    public static double medianAbsoluteDeviation(double[] x, double center) {
        if (x.length >= SAMPLE_SELECT_MIN && Double.isFinite(center)) {
            double m = sampledMedian(x, x.length, center, true);
            if (!Double.isNaN(m)) {
                return m;
            }
        }
        double[] w = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            w[i] = Math.abs(x[i] - center);
        }
        return medianInPlace(w, w.length);
    }

    /** Places the k-th smallest of a[lo..hi] at index k (Hoare partitioning, median-of-three pivot). */
    private static double select(double[] a, int lo, int hi, int k) {
        while (hi > lo) {
            if (hi - lo < 16) {
                insertionSort(a, lo, hi);
                return a[k];
            }
            int mid = (lo + hi) >>> 1;
            // median of three, ordered into a[lo] <= a[mid] <= a[hi]
            if (a[mid] < a[lo]) {
                swap(a, mid, lo);
            }
            if (a[hi] < a[lo]) {
                swap(a, hi, lo);
            }
            if (a[hi] < a[mid]) {
                swap(a, hi, mid);
            }
            double pivot = a[mid];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    swap(a, i, j);
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return a[k];
            }
        }
        return a[k];
    }

    private static void insertionSort(double[] a, int lo, int hi) {
        for (int i = lo + 1; i <= hi; i++) {
            double v = a[i];
            int j = i - 1;
            while (j >= lo && a[j] > v) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = v;
        }
    }

    private static void swap(double[] a, int i, int j) {
        double t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
