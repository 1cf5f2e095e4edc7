package io.github.ecgid.signal.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RobustStatsTest {

    @Test
    void medianBySelectionEqualsMedianBySortingIncludingTiesAndEvenLengths() {
        Random r = new Random(4);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + r.nextInt(200);
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = trial % 3 == 0 ? r.nextInt(5) : r.nextGaussian();
            }
            double[] sorted = x.clone();
            Arrays.sort(sorted);
            double expected = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
            double[] before = x.clone();
            assertThat(RobustStats.median(x)).isEqualTo(expected);
            assertThat(x).containsExactly(before);
        }
    }

    @Test
    void sampledSelectionOnLongInputsEqualsSorting() {
        Random r = new Random(8);
        for (int n : new int[] {4_096, 4_097, 14_500, 20_000, 20_001, 100_000, 250_001}) {
            for (int kind = 0; kind < 3; kind++) {
                double[] x = new double[n];
                for (int i = 0; i < n; i++) {
                    x[i] = kind == 0 ? r.nextGaussian() : kind == 1 ? r.nextInt(3) : Math.sin(i * 0.01);
                }
                double[] sorted = x.clone();
                Arrays.sort(sorted);
                double expected = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
                assertThat(RobustStats.median(x)).as("n=%d kind=%d", n, kind).isEqualTo(expected);
            }
        }
    }

    @Test
    void madOfASymmetricSetIsItsMedianDistance() {
        assertThat(RobustStats.medianAbsoluteDeviation(new double[] {1, 2, 3, 4, 100}, 3)).isEqualTo(1.0);
        assertThat(RobustStats.median(new double[0])).isNaN();
    }

    /** numpy's median by sorting: NaN if any value is NaN, else the middle value or the mean of the two. */
    private static double sortedMedian(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        int n = s.length;
        if (n > 0 && Double.isNaN(s[n - 1])) {
            return Double.NaN;
        }
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static double sortedMad(double[] x, double center) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = Math.abs(x[i] - center);
        }
        return sortedMedian(d);
    }

    /** Equal as numbers (+0.0 == -0.0: selection does not order signed zeros), or both NaN. */
    private static void assertSame(double actual, double expected, String what) {
        if (Double.isNaN(expected)) {
            assertThat(actual).as(what).isNaN();
        } else {
            assertThat(actual == expected).as("%s: %s != %s", what, actual, expected).isTrue();
        }
    }

    /**
     * Inputs long enough for the sampled one-pass path, built to stress it: many values tied at or inside
     * the bracket, a majority of equal values, sorted and reversed order (the sample is spread evenly, the
     * bracket values arrive in one run), infinities (the bracket itself can be infinite: fallback), a NaN at a
     * place the sample does not read, values near ±Double.MAX_VALUE (the bracket's width overflows), signed
     * zeros and subnormals. Median and MAD must equal sorting, for odd and even lengths, input unchanged.
     */
    @Test
    void sampledPathIsExactOnAdversarialInputs() {
        Random r = new Random(17);
        for (int n : new int[] {4_096, 9_999, 20_000, 20_001, 65_536, 131_071}) {
            for (int kind = 0; kind < 12; kind++) {
                double[] x = new double[n];
                for (int i = 0; i < n; i++) {
                    double g = r.nextGaussian();
                    x[i] = switch (kind) {
                        case 0 -> r.nextInt(40); // ties everywhere, the bracket holds whole groups of equal values
                        case 1 -> r.nextDouble() < 0.6 ? 1.0 : g; // a majority equal: MAD 0
                        case 2 -> r.nextDouble() < 0.45 ? 2.5 : g; // a large tied block just under half
                        case 3 -> i; // already sorted
                        case 4 -> n - i; // reversed
                        case 5 -> r.nextDouble() < 0.3 ? Double.POSITIVE_INFINITY : g;
                        case 6 -> r.nextDouble() < 0.49 ? Double.NEGATIVE_INFINITY : g;
                        case 7 -> i % 2 == 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
                        case 8 -> (r.nextDouble() * 2 - 1) * Double.MAX_VALUE;
                        case 9 -> r.nextBoolean() ? 0.0 : r.nextBoolean() ? -0.0 : g * Double.MIN_NORMAL;
                        case 10 -> g * Double.MIN_VALUE * 8; // subnormal
                        default -> Math.sin(i * 0.001) + 1e-3 * g;
                    };
                }
                if (kind == 11) {
                    x[n / 3 + 1] = Double.NaN;
                }
                double[] before = x.clone();
                double expected = sortedMedian(x);
                double median = RobustStats.median(x);
                String what = "n=" + n + " kind=" + kind;
                assertSame(median, expected, what + " median");
                if (!Double.isNaN(expected)) {
                    assertSame(RobustStats.medianAbsoluteDeviation(x, expected), sortedMad(x, expected),
                            what + " mad");
                }
                assertSame(RobustStats.medianAbsoluteDeviation(x, 0.0), sortedMad(x, 0.0), what + " mad0");
                assertThat(x).as(what).containsExactly(before);
            }
        }
    }

    @Test
    void aNaNAnywhereMakesMedianAndMadNaN() {
        Random r = new Random(3);
        for (int n : new int[] {7, 4_096, 20_000, 50_001}) {
            for (int pos : new int[] {0, n / 2, n - 1}) {
                double[] x = new double[n];
                for (int i = 0; i < n; i++) {
                    x[i] = r.nextGaussian();
                }
                x[pos] = Double.NaN;
                assertThat(RobustStats.median(x)).as("n=%d at %d", n, pos).isNaN();
                assertThat(RobustStats.medianAbsoluteDeviation(x, 0.0)).as("n=%d at %d", n, pos).isNaN();
            }
        }
    }

    /**
     * Inputs long enough that the values kept by the median's pass (tens of thousands and more) are narrowed a
     * second time before selection: median and MAD must still equal sorting, odd and even lengths, with ties.
     */
    @Test
    void longInputsWhoseBracketIsNarrowedAgainEqualSorting() {
        Random r = new Random(23);
        for (int n : new int[] {2_000_000, 2_000_001}) {
            for (int kind = 0; kind < 3; kind++) {
                double[] x = new double[n];
                for (int i = 0; i < n; i++) {
                    x[i] = switch (kind) {
                        case 0 -> r.nextGaussian();
                        case 1 -> r.nextInt(2000); // ties inside and at the edges of both brackets
                        default -> Math.sin(i * 0.02) + 0.05 * r.nextGaussian();
                    };
                }
                double expected = sortedMedian(x);
                String what = "n=" + n + " kind=" + kind;
                assertSame(RobustStats.median(x), expected, what + " median");
                assertSame(RobustStats.medianAbsoluteDeviation(x, expected), sortedMad(x, expected), what + " mad");
            }
        }
    }
}
