package io.github.ecgid.model.math;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Spherical k-means of unit vectors (similarity = cosine): the centres of a template's modes. Seeded k-means++
 * start and a fixed seed, so one enrollment always gives the same template.
 */
public final class SphericalKMeans {
    private static final long SEED = 42L;
    private static final int MAX_ITERATIONS = 25;

    private SphericalKMeans() {
    }

    /**
     * Up to {@code k} unit-length centres of {@code unitRows}; fewer when rows repeat (no empty cluster is
     * returned).
     */
    public static float[][] centres(float[][] unitRows, int k) {
        int n = unitRows.length;
        if (n == 0 || k < 1) {
            throw new IllegalArgumentException("need rows and k >= 1, got " + n + " rows, k = " + k);
        }
        float[][] centres = seed(unitRows, Math.min(k, n));
        int[] owner = new int[n];
        Arrays.fill(owner, -1);
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            boolean changed = false;
            for (int i = 0; i < n; i++) {
                int best = nearest(unitRows[i], centres);
                changed |= best != owner[i];
                owner[i] = best;
            }
            if (!changed) {
                break;
            }
            update(unitRows, owner, centres);
        }
        int[] members = new int[centres.length];
        for (int o : owner) {
            members[o]++;
        }
        int kept = 0;
        for (int c = 0; c < centres.length; c++) {
            if (members[c] > 0) {
                centres[kept++] = centres[c];
            }
        }
        return Arrays.copyOf(centres, kept);
    }

    /** k-means++: each next centre drawn with probability proportional to 1 − cosine to the nearest chosen. */
    private static float[][] seed(float[][] rows, int k) {
        SplittableRandom random = new SplittableRandom(SEED);
        int n = rows.length;
        float[][] centres = new float[k][];
        centres[0] = rows[random.nextInt(n)].clone();
        double[] distance = new double[n];
        Arrays.fill(distance, Double.POSITIVE_INFINITY);
        for (int j = 1; j < k; j++) {
            double total = 0;
            for (int i = 0; i < n; i++) {
                distance[i] = Math.min(distance[i], Math.max(0, 1 - Embeddings.dot(rows[i], centres[j - 1])));
                total += distance[i];
            }
            if (total <= 0) {
                return Arrays.copyOf(centres, j); // every row coincides with a centre already
            }
            double r = random.nextDouble() * total;
            int pick = n - 1;
            for (int i = 0; i < n; i++) {
                r -= distance[i];
                if (r < 0) {
                    pick = i;
                    break;
                }
            }
            centres[j] = rows[pick].clone();
        }
        return centres;
    }

    private static void update(float[][] rows, int[] owner, float[][] centres) {
        int dim = rows[0].length;
        double[][] sum = new double[centres.length][dim];
        int[] count = new int[centres.length];
        for (int i = 0; i < rows.length; i++) {
            count[owner[i]]++;
            for (int d = 0; d < dim; d++) {
                sum[owner[i]][d] += rows[i][d];
            }
        }
        for (int c = 0; c < centres.length; c++) {
            if (count[c] == 0) {
                continue; // keeps its place; dropped at the end if it stays empty
            }
            float[] mean = new float[dim];
            for (int d = 0; d < dim; d++) {
                mean[d] = (float) (sum[c][d] / count[c]);
            }
            float[] unit = Embeddings.unit(mean);
            if (Embeddings.dot(unit, unit) > 0) {
                centres[c] = unit; // members cancelling out to a zero mean keep the previous centre
            }
        }
    }

    private static int nearest(float[] row, float[][] centres) {
        int best = 0;
        double bestCos = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < centres.length; c++) {
            double cos = Embeddings.dot(row, centres[c]);
            if (cos > bestCos) {
                bestCos = cos;
                best = c;
            }
        }
        return best;
    }
}
