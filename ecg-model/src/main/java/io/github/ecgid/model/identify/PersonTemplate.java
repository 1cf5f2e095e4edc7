package io.github.ecgid.model.identify;

import io.github.ecgid.core.EcgModelException;
import io.github.ecgid.model.math.Embeddings;
import io.github.ecgid.model.math.SphericalKMeans;
import java.util.Arrays;
import java.util.Objects;

/**
 * An enrolled person: the unit-length mean of their beats' identity vectors ({@link EcgIdentifier#identityVectors},
 * or any embeddings compared by cosine), the <em>modes</em> their beats cluster into, how tightly the beats
 * cluster around the mean, and how many beats it was made from. Personal data: never log the vectors.
 *
 * <p>A probe is scored by its cosine to the nearest mode ({@link #score}). One mode per
 * {@value #BEATS_PER_MODE} enrollment beats (at most {@value #MAX_MODES}), found by spherical k-means: a person
 * whose enrollment holds several beat shapes (ectopic beats, rate-dependent changes, a second rhythm) keeps each
 * of them instead of their average, which matches none. On MIT-BIH (five minutes of arrhythmia patients) this
 * raised single-beat rank-1 from 89.7 to 93 %; a 20-second enrollment (under 30 beats) keeps one mode, its
 * mean (docs/identification.md).
 *
 * @param personId   the caller's label, e.g. {@code "alice"}
 * @param centroid   unit-length mean of the enrollment vectors (copied in and out)
 * @param modes      unit-length centres of the enrollment vectors' clusters, at least one (copied in and out)
 * @param meanCosine mean cosine similarity of the enrollment beats to the centroid, in [-1, 1]
 * @param beatsUsed  number of enrollment beats
 */
public record PersonTemplate(String personId, float[] centroid, float[][] modes, double meanCosine, int beatsUsed) {
    /**
     * Enrollment beats per mode: a mode must average enough beats to rise above beat-to-beat noise. With 10, the
     * 20-second ECG-ID enrollments (~20 beats) got two modes each and scored a little worse than with their mean
     * (docs/identification.md); with 15 they keep one, and five minutes of MIT-BIH get 16 to 46.
     */
    public static final int BEATS_PER_MODE = 15;
    /** Most modes a template keeps (bounds scoring time and template size). */
    public static final int MAX_MODES = 64;

    public PersonTemplate {
        Objects.requireNonNull(personId, "personId");
        if (personId.isBlank()) {
            throw new IllegalArgumentException("personId must not be blank");
        }
        centroid = checkedVector(personId, "centroid", centroid);
        if (modes == null || modes.length == 0) {
            throw new EcgModelException("Template of '" + personId + "' has no modes");
        }
        float[][] copy = new float[modes.length][];
        for (int m = 0; m < modes.length; m++) {
            copy[m] = checkedVector(personId, "mode " + m, modes[m]);
            if (copy[m].length != centroid.length) {
                throw new EcgModelException("Template of '" + personId + "' has a mode of dimension "
                        + copy[m].length + " but a centroid of dimension " + centroid.length);
            }
        }
        modes = copy;
        if (beatsUsed < 1) {
            throw new IllegalArgumentException("beatsUsed must be >= 1, got " + beatsUsed);
        }
    }

    /** A template whose only mode is its centroid (as templates were before modes). */
    public static PersonTemplate ofCentroid(String personId, float[] centroid, double meanCosine, int beatsUsed) {
        return new PersonTemplate(personId, centroid, new float[][] {centroid}, meanCosine, beatsUsed);
    }

    /**
     * Builds a template from enrollment embeddings {@code [beat][dim]}: each is normalised to unit length; the
     * centroid is their normalised mean, the modes the centres of {@code floor(beats / BEATS_PER_MODE)} (at least 1, at most
     * {@code MAX_MODES}) spherical k-means clusters. Deterministic.
     */
    public static PersonTemplate fromEmbeddings(String personId, float[][] embeddings) {
        if (embeddings.length == 0) {
            throw new EcgModelException("Cannot enroll '" + personId + "' from zero beats");
        }
        float[][] unit = Embeddings.unitRows(embeddings);
        float[] centroid = Embeddings.meanDirection(unit, 0, unit.length);
        double cos = 0;
        for (float[] u : unit) {
            cos += Embeddings.dot(u, centroid);
        }
        int k = Math.min(MAX_MODES, Math.max(1, unit.length / BEATS_PER_MODE));
        float[][] modes = k == 1 ? new float[][] {centroid} : SphericalKMeans.centres(unit, k);
        return new PersonTemplate(personId, centroid, modes, cos / unit.length, embeddings.length);
    }

    private static float[] checkedVector(String personId, String what, float[] v) {
        if (v == null || v.length == 0) {
            throw new EcgModelException("Template of '" + personId + "' has an empty " + what);
        }
        float[] c = v.clone();
        for (float x : c) {
            if (!Float.isFinite(x)) {
                throw new EcgModelException("Template of '" + personId + "' has a non-finite value in its " + what);
            }
        }
        return c;
    }

    @Override
    public float[] centroid() {
        return centroid.clone();
    }

    @Override
    public float[][] modes() {
        float[][] c = new float[modes.length][];
        for (int m = 0; m < modes.length; m++) {
            c[m] = modes[m].clone();
        }
        return c;
    }

    /** Number of modes. */
    public int modeCount() {
        return modes.length;
    }

    /** Embedding dimension. */
    public int dimension() {
        return centroid.length;
    }

    /** Score of a unit-length probe vector: its cosine to the nearest mode, in [-1, 1]. */
    public double score(float[] unitProbe) {
        if (unitProbe.length != centroid.length) {
            throw new IllegalArgumentException("probe has dimension " + unitProbe.length + ", template '" + personId
                    + "' has " + centroid.length);
        }
        double best = Double.NEGATIVE_INFINITY;
        for (float[] m : modes) {
            best = Math.max(best, Embeddings.dot(unitProbe, m));
        }
        return best;
    }

    /**
     * This template with the mode nearest to {@code unitProbe} moved towards it: {@code mode ← unit((1 − rate) ·
     * mode + rate · probe)}; the other modes, the centroid and the enrollment statistics stay. Used to follow a
     * person's ECG as it changes over a monitoring session ({@link EcgIdentifier.Builder#templateAdaptation}).
     *
     * @param unitProbe a unit-length probe of this template's dimension
     * @param rate      how far to move, in (0, 1]
     */
    public PersonTemplate adaptedTowards(float[] unitProbe, double rate) {
        if (!(rate > 0 && rate <= 1)) {
            throw new IllegalArgumentException("adaptation rate must be in (0, 1], got " + rate);
        }
        if (unitProbe.length != centroid.length) {
            throw new IllegalArgumentException("probe has dimension " + unitProbe.length + ", template '" + personId
                    + "' has " + centroid.length);
        }
        if (!(Embeddings.dot(unitProbe, unitProbe) > 0.5)) {
            throw new IllegalArgumentException("the probe must be a unit vector; template '" + personId
                    + "' is not moved towards a zero or non-finite one");
        }
        int nearest = 0;
        for (int m = 1; m < modes.length; m++) {
            if (Embeddings.dot(unitProbe, modes[m]) > Embeddings.dot(unitProbe, modes[nearest])) {
                nearest = m;
            }
        }
        float[] moved = new float[centroid.length];
        for (int d = 0; d < moved.length; d++) {
            moved[d] = (float) ((1 - rate) * modes[nearest][d] + rate * unitProbe[d]);
        }
        float[] unitMoved = Embeddings.unit(moved);
        if (Embeddings.dot(unitMoved, unitMoved) == 0) {
            return this; // the probe points exactly away from the mode at rate 0.5: no direction to move to
        }
        float[][] next = modes();
        next[nearest] = unitMoved;
        return new PersonTemplate(personId, centroid, next, meanCosine, beatsUsed);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PersonTemplate t && t.personId.equals(personId) && Arrays.equals(t.centroid, centroid)
                && Arrays.deepEquals(t.modes, modes) && Double.compare(t.meanCosine, meanCosine) == 0
                && t.beatsUsed == beatsUsed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(personId, Arrays.hashCode(centroid), Arrays.deepHashCode(modes), meanCosine, beatsUsed);
    }

    /** No vector values: templates are biometric data. */
    @Override
    public String toString() {
        return "PersonTemplate[" + personId + ", dim " + centroid.length + ", " + modes.length + " modes, "
                + beatsUsed + " beats]";
    }
}
