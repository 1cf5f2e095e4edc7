package io.github.ecgid.model.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SymmetricEigenTest {
    /** Covariance of {@code rows} random vectors of {@code dim} values: rank-deficient when rows < dim. */
    private static double[][] covariance(int rows, int dim, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[rows][dim];
        for (double[] row : x) {
            for (int d = 0; d < dim; d++) {
                row[d] = r.nextGaussian();
            }
        }
        double[][] c = new double[dim][dim];
        for (double[] row : x) {
            for (int i = 0; i < dim; i++) {
                for (int j = 0; j < dim; j++) {
                    c[i][j] += row[i] * row[j] / rows;
                }
            }
        }
        return c;
    }

    private static void assertDecomposes(double[][] a, SymmetricEigen e) {
        int n = a.length;
        for (int k = 1; k < n; k++) {
            assertThat(e.values[k]).isLessThanOrEqualTo(e.values[k - 1]);
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double rebuilt = 0;
                double gram = 0;
                for (int k = 0; k < n; k++) {
                    rebuilt += e.vectors[i][k] * e.values[k] * e.vectors[j][k];
                    gram += e.vectors[k][i] * e.vectors[k][j];
                }
                assertThat(rebuilt).as("A[%d][%d]", i, j).isCloseTo(a[i][j], within(1e-10));
                assertThat(gram).as("V'V[%d][%d]", i, j).isCloseTo(i == j ? 1 : 0, within(1e-10));
            }
        }
    }

    @Test
    void decomposesAFullRankCovariance() {
        double[][] a = covariance(200, 30, 1);
        assertDecomposes(a, SymmetricEigen.of(a));
    }

    @Test
    void decomposesTheRankDeficientCovarianceOfFewerBeatsThanSamples() {
        // 40 beats of 175 samples: what a small enrollment population gives (Commons Math's QL fails on it)
        double[][] a = covariance(40, 175, 2);
        SymmetricEigen e = SymmetricEigen.of(a);
        assertThat(e.values[38]).isGreaterThan(1e-6);
        assertThat(e.values[40]).isCloseTo(0, within(1e-10));
        assertDecomposes(a, e);
    }
}
