package io.github.ecgid.model.identify;

import io.github.ecgid.core.EcgModelException;
import io.github.ecgid.model.math.Embeddings;
import io.github.ecgid.model.nn.LightweightCnn;
import io.github.ecgid.model.onnx.OnnxModel;
import java.util.Optional;

/**
 * The mean embedding of a model's background population. Embeddings come out of a ReLU, so they all share a
 * large positive component and raw cosine similarities crowd near 1; subtracting this mean before comparing
 * spreads genuine and impostor scores apart. It is an aggregate of the training population (no one person's
 * data) and travels inside the model file as the metadata entry {@value #METADATA_KEY}.
 */
public final class EmbeddingCenter {
    /** The {@code metadata_props} key holding the comma-separated mean embedding. */
    public static final String METADATA_KEY = "ecgid.embedding_mean";

    private EmbeddingCenter() {
    }

    /** The mean of embeddings {@code [n][dim]}. */
    public static float[] mean(float[][] embeddings) {
        if (embeddings.length == 0) {
            throw new IllegalArgumentException("need at least one embedding");
        }
        double[] s = new double[embeddings[0].length];
        for (float[] e : embeddings) {
            for (int d = 0; d < s.length; d++) {
                s[d] += e[d];
            }
        }
        float[] m = new float[s.length];
        for (int d = 0; d < s.length; d++) {
            m[d] = (float) (s[d] / embeddings.length);
        }
        return m;
    }

    /** The center stored in a model file, if it has one. */
    public static Optional<float[]> of(OnnxModel model) {
        String v = model.metadata().get(METADATA_KEY);
        if (v == null) {
            return Optional.empty();
        }
        String[] parts = v.split(",");
        float[] c = new float[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) {
                c[i] = Float.parseFloat(parts[i]);
            }
        } catch (NumberFormatException e) {
            throw new EcgModelException(model.source() + ": metadata " + METADATA_KEY + " is not a list of numbers");
        }
        if (c.length != LightweightCnn.EMBEDDING_SIZE) {
            throw new EcgModelException(model.source() + ": metadata " + METADATA_KEY + " holds " + c.length
                    + " numbers, the embedding has " + LightweightCnn.EMBEDDING_SIZE + "; the file is damaged or"
                    + " was edited: use an intact copy or re-export the model");
        }
        for (int i = 0; i < c.length; i++) {
            if (!Float.isFinite(c[i])) {
                throw new EcgModelException(model.source() + ": metadata " + METADATA_KEY + " entry " + i + " is "
                        + c[i] + ", not a finite number; use an intact copy or re-export the model");
            }
        }
        return Optional.of(c);
    }

    /** The same model with the center written into its metadata (replacing an older one). */
    public static OnnxModel attach(OnnxModel model, float[] center) {
        StringBuilder sb = new StringBuilder();
        for (float f : center) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(f);
        }
        return model.withMetadata(METADATA_KEY, sb.toString());
    }
}
