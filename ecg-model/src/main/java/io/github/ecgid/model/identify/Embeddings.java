package io.github.ecgid.model.identify;

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
     * Cosine of the normalised mean of {@code count} unit rows, from {@code start}, to a unit vector: the
     * multi-beat fusion. It ranks candidates exactly as the mean of the rows' cosines (that mean is this cosine
     * times the mean row's length, the same for every candidate), and spreads genuine and impostor scores
     * further apart (docs/identification.md).
     */
    public static double cosineOfMean(float[][] unitRows, int start, int count, float[] unitVector) {
        return dot(unit(meanRow(unitRows, start, count)), unitVector);
    }

    /** The mean of {@code count} rows from {@code start} (not normalised). */
    public static float[] meanRow(float[][] rows, int start, int count) {
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
