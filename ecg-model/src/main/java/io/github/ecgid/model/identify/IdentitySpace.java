package io.github.ecgid.model.identify;

import io.github.ecgid.core.EcgModelException;
import io.github.ecgid.model.BeatClassifier;
import io.github.ecgid.model.Engine;
import io.github.ecgid.model.Prediction;
import io.github.ecgid.model.math.SymmetricEigen;
import io.github.ecgid.model.nn.TrainingSet;
import io.github.ecgid.model.onnx.OnnxModel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Where beats are compared for open-set identification and verification: two session-compensated views of a
 * beat, each whitened against how much one person's beats vary, joined into one unit vector.
 *
 * <ul>
 *   <li><b>Network view</b>: the centred, unit-length CNN embedding, minus the population mean, times
 *       {@code Sw^-1/2}, the inverse square root of the background population's within-person covariance
 *       (within-class covariance normalisation, WCCN).</li>
 *   <li><b>Waveform view</b>: the beat itself (zero mean, unit length), minus the population mean, projected on
 *       its first {@value #DEFAULT_COMPONENTS} principal components, then whitened the same way. A linear view
 *       that a small background population can fit without overfitting it.</li>
 * </ul>
 * Each view is normalised, and the vector is {@code [network, waveform] / sqrt(2)}: the cosine of two such
 * vectors is the mean of the two views' cosines (an equal-weight score fusion). Directions along which one
 * person's beats vary a lot between sessions (electrode placement, posture, heart rate) are shrunk; directions
 * that tell people apart are kept. Everything is fitted once, on the training (background) population, and
 * travels inside the model file as the metadata entry {@value #METADATA_KEY}; it is an aggregate of that
 * population (means and covariances), not any one person's beats.
 *
 * <p>Measured effect (docs/identification.md): ECG-ID person-disjoint rank-1 against 70 templates from 65 % to
 * 90 % (one beat). {@link EcgIdentifier.Builder#matcher} chooses a single view for comparison.
 */
public final class IdentitySpace {
    /** The {@code metadata_props} key holding the encoded space. */
    public static final String METADATA_KEY = "ecgid.identity_space";
    /** Principal components of the waveform view. */
    public static final int DEFAULT_COMPONENTS = 20;
    /** Ridge added to each within-person covariance, as a fraction of its mean eigenvalue. */
    public static final double DEFAULT_SHRINKAGE = 0.01;

    private static final int FORMAT = 1;
    private static final double MIN_NORM = 1e-12;

    private final float[] embeddingMean;    // [e]
    private final float[] embeddingWhiten;  // [e][e] row-major
    private final float[] beatMean;         // [n]
    private final float[] beatProjection;   // [n][r] row-major: principal axes times the whitening
    private final int embeddingSize;
    private final int beatLength;
    private final int components;

    private IdentitySpace(int embeddingSize, int beatLength, int components, float[] embeddingMean,
                          float[] embeddingWhiten, float[] beatMean, float[] beatProjection) {
        this.embeddingSize = embeddingSize;
        this.beatLength = beatLength;
        this.components = components;
        this.embeddingMean = embeddingMean;
        this.embeddingWhiten = embeddingWhiten;
        this.beatMean = beatMean;
        this.beatProjection = beatProjection;
    }

    /**
     * Fits the space on a labelled population.
     *
     * @param embeddings centred CNN embeddings {@code [beat][e]} (as {@link EcgIdentifier#embed} returns them)
     * @param beats      the same beats, {@code [beat][n]}
     * @param person     the person (class index) of each beat; at least two people
     */
    public static IdentitySpace fit(float[][] embeddings, float[][] beats, int[] person) {
        return fit(embeddings, beats, person, DEFAULT_COMPONENTS, DEFAULT_SHRINKAGE);
    }

    /** {@link #fit(float[][], float[][], int[])} with another number of components and shrinkage. */
    public static IdentitySpace fit(float[][] embeddings, float[][] beats, int[] person, int components,
                                    double shrinkage) {
        int count = beats.length;
        if (embeddings.length != count || person.length != count) {
            throw new IllegalArgumentException("embeddings, beats and labels differ in length: " + embeddings.length
                    + ", " + count + ", " + person.length);
        }
        if (count < 4) {
            throw new IllegalArgumentException("an identity space needs at least 4 beats, got " + count);
        }
        int e = embeddings[0].length;
        int n = beats[0].length;
        if (components < 1 || components > n) {
            throw new IllegalArgumentException("components must be in [1, " + n + "], got " + components);
        }
        int classes = 0;
        for (int p : person) {
            if (p < 0) {
                throw new IllegalArgumentException("person labels must be >= 0, got " + p);
            }
            classes = Math.max(classes, p + 1);
        }
        double[][] u = new double[count][];
        double[][] w = new double[count][];
        for (int i = 0; i < count; i++) {
            if (embeddings[i].length != e || beats[i].length != n) {
                throw new IllegalArgumentException("beat " + i + " has another length than beat 0");
            }
            u[i] = unitDouble(embeddings[i]);
            w[i] = zeroMeanUnit(beats[i]);
        }
        // network view
        double[] uMean = mean(u);
        center(u, uMean);
        double[][] uWhiten = inverseSqrt(withinClassCovariance(u, person, classes), shrinkage);
        // waveform view: principal axes of the centred waveforms, whitened within person in that subspace
        double[] wMean = mean(w);
        center(w, wMean);
        double[][] axes = topEigenvectors(covariance(w), components);  // [n][r]
        double[][] z = new double[count][];
        for (int i = 0; i < count; i++) {
            z[i] = multiply(w[i], axes);
        }
        double[][] zWhiten = inverseSqrt(withinClassCovariance(z, person, classes), shrinkage);
        float[] projection = new float[n * components];
        for (int row = 0; row < n; row++) {
            for (int c = 0; c < components; c++) {
                double s = 0;
                for (int k = 0; k < components; k++) {
                    s += axes[row][k] * zWhiten[k][c];
                }
                projection[row * components + c] = (float) s;
            }
        }
        return new IdentitySpace(e, n, components, toFloat(uMean), flatten(uWhiten), toFloat(wMean), projection);
    }

    /**
     * Fits the embedding centre ({@link EmbeddingCenter}) and the identity space on a labelled population with the
     * model's own network, and returns the model carrying both: what every model trained by ecgid holds.
     */
    public static OnnxModel fitAndAttach(OnnxModel model, TrainingSet population) {
        try (BeatClassifier c = BeatClassifier.open(model, Engine.PURE_JAVA)) {
            float[][] all = new float[population.size()][];
            for (int i = 0; i < all.length; i++) {
                all[i] = population.beat(i);
            }
            List<Prediction> p = c.predictBatch(all);
            float[][] emb = new float[p.size()][];
            for (int i = 0; i < emb.length; i++) {
                emb[i] = p.get(i).embedding();
            }
            float[] mean = EmbeddingCenter.mean(emb);
            OnnxModel centred = EmbeddingCenter.attach(model, mean);
            for (float[] e : emb) {
                for (int d = 0; d < e.length; d++) {
                    e[d] -= mean[d];
                }
            }
            return fit(emb, all, population.labels()).attachTo(centred);
        }
    }

    /** Length of the vectors {@link #vector} returns: embedding size plus components. */
    public int dimension() {
        return embeddingSize + components;
    }

    /** Embedding size the network view expects. */
    public int embeddingSize() {
        return embeddingSize;
    }

    /** Beat length (samples) the waveform view expects. */
    public int beatLength() {
        return beatLength;
    }

    /**
     * The unit identity vector of one beat for a matcher: {@code [network, waveform] / sqrt(2)} for
     * {@link Matcher#FUSED}, one view (the other part zero) for {@link Matcher#NETWORK} or {@link Matcher#WAVEFORM}.
     *
     * @param centredEmbedding the beat's centred CNN embedding
     * @param beat             the beat, {@code beatLength()} samples
     * @throws IllegalArgumentException for {@link Matcher#EMBEDDING}, which does not use this space
     */
    public float[] vector(float[] centredEmbedding, float[] beat, Matcher matcher) {
        if (matcher == Matcher.EMBEDDING) {
            throw new IllegalArgumentException("Matcher.EMBEDDING compares the centred embedding itself, not a view"
                    + " of the identity space; use FUSED, NETWORK or WAVEFORM");
        }
        if (centredEmbedding.length != embeddingSize || beat.length != beatLength) {
            throw new EcgModelException("identity space expects a " + embeddingSize + "-value embedding and a "
                    + beatLength + "-sample beat, got " + centredEmbedding.length + " and " + beat.length);
        }
        float[] out = new float[dimension()];
        double weight = matcher == Matcher.FUSED ? Math.sqrt(0.5) : 1.0;
        if (matcher != Matcher.WAVEFORM) {
            double[] u = unitDouble(centredEmbedding);
            for (int d = 0; d < embeddingSize; d++) {
                u[d] -= embeddingMean[d];
            }
            double[] v = new double[embeddingSize];
            for (int r = 0; r < embeddingSize; r++) {
                double ur = u[r];
                int row = r * embeddingSize;
                for (int c = 0; c < embeddingSize; c++) {
                    v[c] += ur * embeddingWhiten[row + c];
                }
            }
            writeUnit(v, out, 0, weight);
        }
        if (matcher != Matcher.NETWORK) {
            double[] x = zeroMeanUnit(beat);
            double[] v = new double[components];
            for (int s = 0; s < beatLength; s++) {
                double xs = x[s] - beatMean[s];
                int row = s * components;
                for (int c = 0; c < components; c++) {
                    v[c] += xs * beatProjection[row + c];
                }
            }
            writeUnit(v, out, embeddingSize, weight);
        }
        return out;
    }

    /** The space stored in a model file, if it has one. */
    public static Optional<IdentitySpace> of(OnnxModel model) {
        String v = model.metadata().get(METADATA_KEY);
        if (v == null) {
            return Optional.empty();
        }
        try {
            ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(v)).order(ByteOrder.LITTLE_ENDIAN);
            int format = b.getInt();
            if (format != FORMAT) {
                throw new EcgModelException(model.source() + ": metadata " + METADATA_KEY + " has format " + format
                        + ", this version reads format " + FORMAT + "; use a matching ecgid or retrain");
            }
            int e = b.getInt();
            int n = b.getInt();
            int r = b.getInt();
            if (e < 1 || e > 4096 || n < 1 || n > 100_000 || r < 1 || r > n) {
                throw new EcgModelException(model.source() + ": metadata " + METADATA_KEY + " has implausible sizes "
                        + e + ", " + n + ", " + r);
            }
            long expected = 4L * (e + (long) e * e + n + (long) n * r);
            if (b.remaining() != expected) {
                throw new EcgModelException(model.source() + ": metadata " + METADATA_KEY + " holds "
                        + b.remaining() + " bytes of values, expected " + expected + " (truncated or corrupt)");
            }
            IdentitySpace s = new IdentitySpace(e, n, r, floats(b, e), floats(b, e * e), floats(b, n), floats(b, n * r));
            for (float[] a : new float[][] {s.embeddingMean, s.embeddingWhiten, s.beatMean, s.beatProjection}) {
                for (float f : a) {
                    if (!Float.isFinite(f)) {
                        throw new EcgModelException(model.source() + ": metadata " + METADATA_KEY
                                + " holds a non-finite value");
                    }
                }
            }
            return Optional.of(s);
        } catch (IllegalArgumentException | java.nio.BufferUnderflowException ex) {
            throw new EcgModelException(model.source() + ": metadata " + METADATA_KEY
                    + " is not a valid encoded identity space (" + ex.getMessage() + ")", ex);
        }
    }

    /** The same model with this space written into its metadata (replacing an older one). */
    public OnnxModel attachTo(OnnxModel model) {
        ByteBuffer b = ByteBuffer.allocate(16 + 4 * (embeddingMean.length + embeddingWhiten.length + beatMean.length
                + beatProjection.length)).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(FORMAT).putInt(embeddingSize).putInt(beatLength).putInt(components);
        for (float[] a : new float[][] {embeddingMean, embeddingWhiten, beatMean, beatProjection}) {
            for (float f : a) {
                b.putFloat(f);
            }
        }
        String encoded = Base64.getEncoder().encodeToString(b.array());
        return model.withMetadata(METADATA_KEY, encoded);
    }

    /** Sizes only: the space is an aggregate, but there is nothing to read in its numbers. */
    @Override
    public String toString() {
        return "IdentitySpace[embedding " + embeddingSize + ", beat " + beatLength + " samples, " + components
                + " waveform components]";
    }

    private static void writeUnit(double[] v, float[] out, int offset, double weight) {
        double norm = 0;
        for (double x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        if (norm < MIN_NORM) {
            return; // a view with nothing in it scores 0 against everybody
        }
        for (int i = 0; i < v.length; i++) {
            out[offset + i] = (float) (weight * v[i] / norm);
        }
    }

    private static double[] unitDouble(float[] x) {
        double norm = 0;
        for (float v : x) {
            norm += (double) v * v;
        }
        norm = Math.sqrt(norm);
        double[] u = new double[x.length];
        if (norm >= MIN_NORM) {
            for (int i = 0; i < x.length; i++) {
                u[i] = x[i] / norm;
            }
        }
        return u;
    }

    private static double[] zeroMeanUnit(float[] x) {
        double m = 0;
        for (float v : x) {
            m += v;
        }
        m /= x.length;
        double[] y = new double[x.length];
        double norm = 0;
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i] - m;
            norm += y[i] * y[i];
        }
        norm = Math.sqrt(norm);
        if (norm >= MIN_NORM) {
            for (int i = 0; i < y.length; i++) {
                y[i] /= norm;
            }
        }
        return y;
    }

    private static double[] mean(double[][] rows) {
        double[] m = new double[rows[0].length];
        for (double[] r : rows) {
            for (int d = 0; d < m.length; d++) {
                m[d] += r[d];
            }
        }
        for (int d = 0; d < m.length; d++) {
            m[d] /= rows.length;
        }
        return m;
    }

    private static void center(double[][] rows, double[] m) {
        for (double[] r : rows) {
            for (int d = 0; d < m.length; d++) {
                r[d] -= m[d];
            }
        }
    }

    private static double[][] covariance(double[][] rows) {
        int d = rows[0].length;
        double[][] c = new double[d][d];
        for (double[] r : rows) {
            for (int i = 0; i < d; i++) {
                double ri = r[i];
                for (int j = i; j < d; j++) {
                    c[i][j] += ri * r[j];
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                c[i][j] /= rows.length;
                c[j][i] = c[i][j];
            }
        }
        return c;
    }

    /** Pooled within-person covariance: each person's rows around their own mean, over all rows. */
    private static double[][] withinClassCovariance(double[][] rows, int[] person, int classes) {
        int d = rows[0].length;
        double[][] classMean = new double[classes][d];
        int[] count = new int[classes];
        for (int i = 0; i < rows.length; i++) {
            count[person[i]]++;
            for (int k = 0; k < d; k++) {
                classMean[person[i]][k] += rows[i][k];
            }
        }
        int people = 0;
        for (int c = 0; c < classes; c++) {
            if (count[c] > 0) {
                people++;
                for (int k = 0; k < d; k++) {
                    classMean[c][k] /= count[c];
                }
            }
        }
        if (people < 2) {
            throw new IllegalArgumentException("an identity space needs beats of at least 2 people, got " + people);
        }
        double[][] deviations = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            deviations[i] = new double[d];
            for (int k = 0; k < d; k++) {
                deviations[i][k] = rows[i][k] - classMean[person[i]][k];
            }
        }
        return covariance(deviations);
    }

    /** {@code (S + shrinkage * trace(S) / d * I)^-1/2} of a symmetric covariance. */
    private static double[][] inverseSqrt(double[][] s, double shrinkage) {
        int d = s.length;
        double trace = 0;
        for (int i = 0; i < d; i++) {
            trace += s[i][i];
        }
        double ridge = Math.max(shrinkage * trace / d, MIN_NORM);
        double[][] m = new double[d][];
        for (int i = 0; i < d; i++) {
            m[i] = s[i].clone();
            m[i][i] += ridge;
        }
        SymmetricEigen eig = SymmetricEigen.of(m);
        double[][] out = new double[d][d];
        for (int k = 0; k < d; k++) {
            double scale = 1 / Math.sqrt(Math.max(eig.values[k], ridge));
            for (int i = 0; i < d; i++) {
                double vi = scale * eig.vectors[i][k];
                for (int j = 0; j < d; j++) {
                    out[i][j] += vi * eig.vectors[j][k];
                }
            }
        }
        return out;
    }

    /** The eigenvectors of the {@code r} largest eigenvalues of a symmetric matrix, as columns {@code [d][r]}. */
    private static double[][] topEigenvectors(double[][] s, int r) {
        SymmetricEigen eig = SymmetricEigen.of(s);
        double[][] out = new double[s.length][r];
        for (int i = 0; i < s.length; i++) {
            System.arraycopy(eig.vectors[i], 0, out[i], 0, r);
        }
        return out;
    }

    private static double[] multiply(double[] x, double[][] m) {
        double[] out = new double[m[0].length];
        for (int i = 0; i < x.length; i++) {
            for (int c = 0; c < out.length; c++) {
                out[c] += x[i] * m[i][c];
            }
        }
        return out;
    }

    private static float[] toFloat(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }

    private static float[] flatten(double[][] m) {
        float[] f = new float[m.length * m[0].length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[i].length; j++) {
                f[i * m[i].length + j] = (float) m[i][j];
            }
        }
        return f;
    }

    private static float[] floats(ByteBuffer b, int count) {
        float[] f = new float[count];
        for (int i = 0; i < count; i++) {
            f[i] = b.getFloat();
        }
        return f;
    }
}
