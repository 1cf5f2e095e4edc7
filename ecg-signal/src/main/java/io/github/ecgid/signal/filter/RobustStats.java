package io.github.ecgid.signal.filter;

/**
 * Median and median absolute deviation by selection (expected O(n), no full sort), as numpy's
 * {@code median} defines them (mean of the two middle values for even lengths).
 */
public final class RobustStats {
    /** Scale factor making the MAD a consistent estimator of the standard deviation for Gaussian noise. */
    public static final double MAD_TO_SIGMA = 1.4826;

    private RobustStats() {
    }

    /** Median of {@code x}; {@code x} is left unchanged. NaN for an empty array. */
    public static double median(double[] x) {
        return medianInPlace(x.clone(), x.length);
    }

    /** Median of {@code work[0, n)}, reordering that range. */
    public static double medianInPlace(double[] work, int n) {
        if (n == 0) {
            return Double.NaN;
        }
        int mid = n / 2;
        double hi = select(work, 0, n - 1, mid);
        if ((n & 1) == 1) {
            return hi;
        }
        // After selection everything left of mid is <= hi; the lower middle is their maximum.
        double lo = work[0];
        for (int i = 1; i < mid; i++) {
            if (work[i] > lo) {
                lo = work[i];
            }
        }
        return (lo + hi) / 2;
    }

    /** Median of |x[i] - center|; {@code x} is left unchanged. */
    public static double medianAbsoluteDeviation(double[] x, double center) {
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
