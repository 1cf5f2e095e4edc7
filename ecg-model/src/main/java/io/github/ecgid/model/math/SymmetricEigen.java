package io.github.ecgid.model.math;

/**
 * Eigen-decomposition of a small real symmetric matrix by the cyclic Jacobi method. Used instead of Commons
 * Math's {@code EigenDecomposition}, whose QL iteration fails to converge on the rank-deficient covariance of a
 * training set with fewer beats than samples per beat; Jacobi rotations converge for every symmetric matrix.
 * O(n^3) per sweep, a handful of sweeps: well under a second for the 175 x 175 waveform covariance.
 */
public final class SymmetricEigen {
    private static final int MAX_SWEEPS = 100;

    /** Eigenvalues, largest first. */
    public final double[] values;
    /** Unit eigenvectors as columns, {@code vectors[row][k]} belongs to {@code values[k]}. */
    public final double[][] vectors;

    private SymmetricEigen(double[] values, double[][] vectors) {
        this.values = values;
        this.vectors = vectors;
    }

    /** Decomposes {@code a} (symmetric; only read, not modified). */
    public static SymmetricEigen of(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][];
        double scale = 0;
        for (int i = 0; i < n; i++) {
            if (a[i].length != n) {
                throw new IllegalArgumentException("matrix is not square: row " + i + " has " + a[i].length);
            }
            m[i] = a[i].clone();
            for (int j = 0; j < n; j++) {
                scale += a[i][j] * a[i][j];
            }
        }
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            v[i][i] = 1;
        }
        double tolerance = 1e-30 * Math.max(scale, Double.MIN_NORMAL);
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double off = 0;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    off += m[p][q] * m[p][q];
                }
            }
            if (off <= tolerance) {
                break;
            }
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (m[p][q] != 0) {
                        rotate(m, v, p, q);
                    }
                }
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(m[y][y], m[x][x]));
        double[] values = new double[n];
        double[][] vectors = new double[n][n];
        for (int k = 0; k < n; k++) {
            values[k] = m[order[k]][order[k]];
            for (int i = 0; i < n; i++) {
                vectors[i][k] = v[i][order[k]];
            }
        }
        return new SymmetricEigen(values, vectors);
    }

    /** One Jacobi rotation zeroing {@code m[p][q]} (Golub and Van Loan, Algorithm 8.4.1). */
    private static void rotate(double[][] m, double[][] v, int p, int q) {
        double apq = m[p][q];
        double theta = (m[q][q] - m[p][p]) / (2 * apq);
        double t;
        if (theta == 0) {
            t = 1;
        } else if (Math.abs(theta) > 1e150) {
            t = 1 / (2 * theta); // theta * theta would overflow
        } else {
            t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        }
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        int n = m.length;
        for (int k = 0; k < n; k++) {
            double mkp = m[k][p];
            double mkq = m[k][q];
            m[k][p] = c * mkp - s * mkq;
            m[k][q] = s * mkp + c * mkq;
        }
        for (int k = 0; k < n; k++) {
            double mpk = m[p][k];
            double mqk = m[q][k];
            m[p][k] = c * mpk - s * mqk;
            m[q][k] = s * mpk + c * mqk;
        }
        for (int k = 0; k < n; k++) {
            double vkp = v[k][p];
            double vkq = v[k][q];
            v[k][p] = c * vkp - s * vkq;
            v[k][q] = s * vkp + c * vkq;
        }
    }
}
