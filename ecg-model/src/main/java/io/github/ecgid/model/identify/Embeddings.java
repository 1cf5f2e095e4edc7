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

    /** Mean cosine of {@code count} unit rows, from {@code start}, to a unit vector: the multi-beat fusion. */
    public static double meanCosine(float[][] unitRows, int start, int count, float[] unitVector) {
        double s = 0;
        for (int i = start; i < start + count; i++) {
            s += dot(unitRows[i], unitVector);
        }
        return s / count;
    }
}
