package io.github.ecgid.hrv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class EntropyTest {

    private static long[] bruteCounts(double[][] pts, double r) {
        int n = pts[0].length;
        long[] c = new long[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                boolean ok = true;
                for (double[] dim : pts) {
                    ok &= Math.abs(dim[i] - dim[j]) <= r;
                }
                if (ok) {
                    c[i]++;
                }
            }
        }
        return c;
    }

    /** Quantised values make many exact ties at distance r, the hard case for range bounds. */
    private static double[] quantised(int n, long seed) {
        Random rnd = new Random(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 4 * Math.round((800 + 40 * rnd.nextGaussian()) / 4);
        }
        return x;
    }

    @Test
    void fastTwoDimensionalCountsEqualBruteForceIncludingTiesAtR() {
        double[] x = quantised(700, 1);
        double[] y = quantised(700, 2);
        assertThat(Entropy.count2(x, y, 8.0)).containsExactly(bruteCounts(new double[][] {x, y}, 8.0));
    }

    @Test
    void fastThreeDimensionalCountsEqualBruteForceIncludingTiesAtR() {
        double[] x = quantised(700, 3);
        double[] y = quantised(700, 4);
        double[] z = quantised(700, 5);
        assertThat(Entropy.count3(x, y, z, 12.0)).containsExactly(bruteCounts(new double[][] {x, y, z}, 12.0));
    }

    @Test
    void strongAutocorrelationDoesNotChangeTheCounts() {
        double[] s = new double[902];
        Random rnd = new Random(9);
        s[0] = 800;
        for (int i = 1; i < s.length; i++) {
            s[i] = s[i - 1] + rnd.nextGaussian() * 3;
        }
        double[] x = java.util.Arrays.copyOfRange(s, 0, 900);
        double[] y = java.util.Arrays.copyOfRange(s, 1, 901);
        double[] z = java.util.Arrays.copyOfRange(s, 2, 902);
        assertThat(Entropy.count3(x, y, z, 5.0)).containsExactly(bruteCounts(new double[][] {x, y, z}, 5.0));
    }
}
