package io.github.ecgid.model.onnx;

import io.github.ecgid.core.EcgModelException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a model came from, stored in the ONNX file's {@code metadata_props} so that a model file alone says
 * which classes it predicts and which beats it expects.
 *
 * <pre>{@code
 * ModelProvenance p = ModelProvenance.builder()
 *         .classLabels(List.of("alice", "bob"))
 *         .samplingRateHz(250)
 *         .preprocessing("dc-removal, notch 50 Hz, band-pass 0.5-40 Hz, db6 denoise, 175-sample z-scored beats")
 *         .trainingDataSha256(trainingSet.fingerprint())
 *         .seed(42)
 *         .build();
 * }</pre>
 *
 * @param classLabels        class labels in logit order (non-blank, unique)
 * @param samplingRateHz     sampling rate of the signal the beats were cut from
 * @param preprocessing      the preprocessing and beat-normalisation settings the beats assume (free text)
 * @param trainingDataSha256 SHA-256 (64 hex digits, stored lower-case; a {@code sha256:} prefix is dropped) of
 *                           the training data, normally {@link io.github.ecgid.model.nn.TrainingSet#fingerprint()};
 *                           empty if unknown
 * @param libraryVersion     the ecgid version that trained the model
 * @param seed               the random seed training used
 */
public record ModelProvenance(List<String> classLabels, double samplingRateHz, String preprocessing,
                              String trainingDataSha256, String libraryVersion, long seed) {

    static final String KEY_PREFIX = "ecgid.";
    static final String KEY_CLASSES = "ecgid.class_labels";
    static final String KEY_RATE = "ecgid.sampling_rate_hz";
    static final String KEY_PREPROCESSING = "ecgid.preprocessing";
    static final String KEY_FINGERPRINT = "ecgid.training_data_sha256";
    static final String KEY_VERSION = "ecgid.library_version";
    static final String KEY_SEED = "ecgid.seed";

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public ModelProvenance {
        classLabels = List.copyOf(classLabels);
        if (classLabels.isEmpty()) {
            throw new IllegalArgumentException("provenance needs at least one class label");
        }
        if (new HashSet<>(classLabels).size() != classLabels.size()) {
            throw new IllegalArgumentException("class labels are not unique: " + classLabels);
        }
        for (String label : classLabels) {
            if (label.isBlank()) {
                throw new IllegalArgumentException("class labels must not be blank: " + classLabels);
            }
        }
        if (!(samplingRateHz > 0) || !Double.isFinite(samplingRateHz)) {
            throw new IllegalArgumentException("samplingRateHz must be positive and finite, was " + samplingRateHz);
        }
        Objects.requireNonNull(preprocessing, "preprocessing");
        Objects.requireNonNull(libraryVersion, "libraryVersion");
        trainingDataSha256 = trainingDataSha256.toLowerCase(Locale.ROOT);
        if (trainingDataSha256.startsWith("sha256:")) {
            trainingDataSha256 = trainingDataSha256.substring("sha256:".length());
        }
        if (!trainingDataSha256.isEmpty() && !SHA256.matcher(trainingDataSha256).matches()) {
            throw new IllegalArgumentException("trainingDataSha256 must be 64 hex digits, was '"
                    + trainingDataSha256 + "'");
        }
    }

    /** A builder; class labels and sampling rate are required, everything else has a neutral default. */
    public static Builder builder() {
        return new Builder();
    }

    /** The metadata entries this provenance writes (keys prefixed {@code ecgid.}). */
    public Map<String, String> toMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(KEY_CLASSES, encodeLabels(classLabels));
        m.put(KEY_RATE, Double.toString(samplingRateHz));
        m.put(KEY_PREPROCESSING, preprocessing);
        m.put(KEY_FINGERPRINT, trainingDataSha256);
        m.put(KEY_VERSION, libraryVersion);
        m.put(KEY_SEED, Long.toString(seed));
        return m;
    }

    /**
     * Reads provenance back from metadata, if the model carries ecgid provenance at all.
     *
     * @param source the model file, for messages
     * @throws EcgModelException if ecgid entries are present but malformed
     */
    public static Optional<ModelProvenance> fromMetadata(Map<String, String> metadata, String source) {
        if (!metadata.containsKey(KEY_CLASSES)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ModelProvenance(
                    decodeLabels(metadata.get(KEY_CLASSES)),
                    Double.parseDouble(require(metadata, KEY_RATE)),
                    metadata.getOrDefault(KEY_PREPROCESSING, ""),
                    metadata.getOrDefault(KEY_FINGERPRINT, ""),
                    metadata.getOrDefault(KEY_VERSION, ""),
                    Long.parseLong(metadata.getOrDefault(KEY_SEED, "0"))));
        } catch (IllegalArgumentException e) {
            throw new EcgModelException(source + ": malformed ecgid provenance in metadata_props: " + e.getMessage(), e);
        }
    }

    private static String require(Map<String, String> m, String key) {
        String v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException("missing " + key);
        }
        return v;
    }

    // Labels are comma-separated; '%' and ',' inside a label are percent-escaped so any label survives.
    static String encodeLabels(List<String> labels) {
        StringBuilder sb = new StringBuilder();
        for (String l : labels) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(l.replace("%", "%25").replace(",", "%2C"));
        }
        return sb.toString();
    }

    static List<String> decodeLabels(String encoded) {
        List<String> out = new ArrayList<>();
        for (String part : encoded.split(",", -1)) {
            out.add(part.replace("%2C", ",").replace("%25", "%"));
        }
        return out;
    }

    /** Builder for {@link ModelProvenance}. */
    public static final class Builder {
        private List<String> classLabels;
        private double samplingRateHz = Double.NaN;
        private String preprocessing = "";
        private String trainingDataSha256 = "";
        private String libraryVersion = Version.LIBRARY;
        private long seed;

        private Builder() {
        }

        public Builder classLabels(List<String> labels) {
            this.classLabels = List.copyOf(labels);
            return this;
        }

        public Builder samplingRateHz(double hz) {
            this.samplingRateHz = hz;
            return this;
        }

        public Builder preprocessing(String description) {
            this.preprocessing = Objects.requireNonNull(description);
            return this;
        }

        public Builder trainingDataSha256(String hex) {
            this.trainingDataSha256 = Objects.requireNonNull(hex);
            return this;
        }

        /** Defaults to the running ecgid version. */
        public Builder libraryVersion(String version) {
            this.libraryVersion = Objects.requireNonNull(version);
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public ModelProvenance build() {
            if (classLabels == null) {
                throw new IllegalStateException("classLabels is required");
            }
            if (Double.isNaN(samplingRateHz)) {
                throw new IllegalStateException("samplingRateHz is required");
            }
            return new ModelProvenance(classLabels, samplingRateHz, preprocessing, trainingDataSha256,
                    libraryVersion, seed);
        }
    }
}
