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
        for (int n : new int[] {20_000, 20_001, 100_000, 250_001}) {
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
}
