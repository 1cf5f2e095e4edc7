package io.github.ecgid.model.identify;

import io.github.ecgid.core.EcgModelException;
import java.util.Arrays;
import java.util.Objects;

/**
 * An enrolled person: the unit-length mean of their beats' identity vectors ({@link EcgIdentifier#identityVectors},
 * or any embeddings compared by cosine), how tightly their beats cluster
 * around it, and how many beats it was made from. Personal data: never log the centroid.
 *
 * @param personId      the caller's label, e.g. {@code "alice"}
 * @param centroid      unit-length mean embedding (copied in and out)
 * @param meanCosine    mean cosine similarity of the enrollment beats to the centroid, in [-1, 1]
 * @param beatsUsed     number of enrollment beats
 */
public record PersonTemplate(String personId, float[] centroid, double meanCosine, int beatsUsed) {

    public PersonTemplate {
        Objects.requireNonNull(personId, "personId");
        if (personId.isBlank()) {
            throw new IllegalArgumentException("personId must not be blank");
        }
        centroid = centroid.clone();
        if (centroid.length == 0) {
            throw new EcgModelException("Template of '" + personId + "' has an empty centroid");
        }
        for (float v : centroid) {
            if (!Float.isFinite(v)) {
                throw new EcgModelException("Template of '" + personId + "' has a non-finite centroid value");
            }
        }
        if (beatsUsed < 1) {
            throw new IllegalArgumentException("beatsUsed must be >= 1, got " + beatsUsed);
        }
    }

    /**
     * Builds a template from enrollment embeddings {@code [beat][dim]}: each is normalised to unit length,
     * then averaged and normalised again.
     */
    public static PersonTemplate fromEmbeddings(String personId, float[][] embeddings) {
        if (embeddings.length == 0) {
            throw new EcgModelException("Cannot enroll '" + personId + "' from zero beats");
        }
        int dim = embeddings[0].length;
        double[] sum = new double[dim];
        float[][] unit = new float[embeddings.length][];
        for (int b = 0; b < embeddings.length; b++) {
            unit[b] = Embeddings.unit(embeddings[b]);
            for (int d = 0; d < dim; d++) {
                sum[d] += unit[b][d];
            }
        }
        float[] centroid = new float[dim];
        for (int d = 0; d < dim; d++) {
            centroid[d] = (float) (sum[d] / embeddings.length);
        }
        centroid = Embeddings.unit(centroid);
        double cos = 0;
        for (float[] u : unit) {
            cos += Embeddings.dot(u, centroid);
        }
        return new PersonTemplate(personId, centroid, cos / unit.length, embeddings.length);
    }

    @Override
    public float[] centroid() {
        return centroid.clone();
    }

    /** Embedding dimension. */
    public int dimension() {
        return centroid.length;
    }

    /** Cosine similarity of a unit-length embedding to this template. */
    public double cosine(float[] unitEmbedding) {
        return Embeddings.dot(unitEmbedding, centroid);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PersonTemplate t && t.personId.equals(personId) && Arrays.equals(t.centroid, centroid)
                && Double.compare(t.meanCosine, meanCosine) == 0 && t.beatsUsed == beatsUsed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(personId, Arrays.hashCode(centroid), meanCosine, beatsUsed);
    }

    /** No centroid values: templates are biometric data. */
    @Override
    public String toString() {
        return "PersonTemplate[" + personId + ", dim " + centroid.length + ", " + beatsUsed + " beats]";
    }
}
