package io.github.ecgid.model.math;

/** Small vector helpers for embeddings (float vectors compared by cosine similarity). */
public final class Embeddings {
    private Embeddings() {
    }

    /** Dot product in double precision. */
    public static double dot(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("embedding dimensions differ: " + a.length + " vs " + b.length);
        }
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    /** A unit-length copy; an all-zero vector stays zero (its cosine with anything is 0). */
    public static float[] unit(float[] v) {
        double n = Math.sqrt(dot(v, v));
        float[] u = new float[v.length];
        if (n > 0) {
            for (int i = 0; i < v.length; i++) {
                u[i] = (float) (v[i] / n);
            }
        }
        return u;
    }

    /** Unit-length copies of each row. */
    public static float[][] unitRows(float[][] rows) {
        float[][] u = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            u[i] = unit(rows[i]);
        }
        return u;
    }

    /**
     * The direction of {@code count} unit rows from {@code start}: their mean, normalised to unit length. This is
     * the probe a window of beats is scored with (multi-beat fusion): its cosine to a unit vector ranks candidates
     * exactly as the mean of the rows' cosines does (that mean is this cosine times the mean row's length, the
     * same for every candidate), and spreads genuine and impostor scores further apart (docs/identification.md).
     */
    public static float[] meanDirection(float[][] unitRows, int start, int count) {
        return unit(meanRow(unitRows, start, count));
    }

    /** The mean of {@code count} rows from {@code start} (not normalised). */
    private static float[] meanRow(float[][] rows, int start, int count) {
        if (count < 1 || start < 0 || start + count > rows.length) {
            throw new IllegalArgumentException("rows " + start + ".." + (start + count) + " outside 0.." + rows.length);
        }
        double[] sum = new double[rows[start].length];
        for (int i = start; i < start + count; i++) {
            for (int d = 0; d < sum.length; d++) {
                sum[d] += rows[i][d];
            }
        }
        float[] m = new float[sum.length];
        for (int d = 0; d < m.length; d++) {
            m[d] = (float) (sum[d] / count);
        }
        return m;
    }
}
