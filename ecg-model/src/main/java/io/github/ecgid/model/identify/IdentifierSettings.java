package io.github.ecgid.model.identify;

import io.github.ecgid.core.EcgModelException;
import io.github.ecgid.model.onnx.OnnxModel;
import io.github.ecgid.signal.beat.BeatPipeline;
import io.github.ecgid.signal.beat.QualityGate;
import io.github.ecgid.signal.detect.RPeakDetectors;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an identifier must do the way the model was trained and calibrated, carried in the model file as the
 * metadata entry {@value #METADATA_KEY}: the beat quality gate, whether the seed's amplitude clip runs, the R-peak
 * detector, and the open-set threshold with the beats per decision it was calibrated for.
 * {@link EcgIdentifier.Builder#build()} applies them unless the builder sets its own. The beat window (0.25 s
 * before to 0.45 s after R, {@value #BEAT_SAMPLES} samples) is written too and checked: a model cut for another
 * window is refused.
 *
 * @param qualityGate      the beat quality gate beats were kept by
 * @param seedClip         whether the seed's amplitude clip ran before the filters
 * @param detector         the R-peak detector, e.g. {@code "pan-tompkins"}
 * @param threshold        open-set cosine threshold, calibrated for {@code beatsPerDecision} beats
 * @param beatsPerDecision beats per decision the threshold was calibrated for
 */
public record IdentifierSettings(Gate qualityGate, boolean seedClip, String detector, double threshold,
                                 int beatsPerDecision) {

    /** Metadata key of the settings. */
    public static final String METADATA_KEY = "ecgid.identifier";
    /** Samples per beat every ecgid model takes. */
    public static final int BEAT_SAMPLES = 175;
    private static final String WINDOW = "0.25,0.45";

    /** The beat quality gates by name. */
    public enum Gate {
        /** {@link QualityGate#defaults()}: amplitude, saturation, likeness to the running median beat. */
        FULL,
        /** {@link QualityGate#recurring()}: amplitude, saturation, a shape that recurs. */
        RECURRING,
        /** {@link QualityGate#amplitudeOnly()}: amplitude and saturation only. */
        AMPLITUDE,
        /** Every detected beat whose window is whole and finite. */
        OFF;

        /** The gate, or {@code null} for {@link #OFF}. */
        public QualityGate gate() {
            return switch (this) {
                case FULL -> QualityGate.defaults();
                case RECURRING -> QualityGate.recurring();
                case AMPLITUDE -> QualityGate.amplitudeOnly();
                case OFF -> null;
            };
        }

        /**
         * The name of a gate ({@code null} is {@link #OFF}).
         *
         * @throws IllegalArgumentException for a gate other than the four named ones, which a model file cannot
         *                                  record
         */
        public static Gate of(QualityGate gate) {
            for (Gate g : values()) {
                if (Objects.equals(g.gate(), gate)) {
                    return g;
                }
            }
            throw new IllegalArgumentException("a model file records only the named quality gates (full, recurring,"
                    + " amplitude, off), not " + gate);
        }

        /** The lower-case name used in files and on the command line. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public IdentifierSettings {
        Objects.requireNonNull(qualityGate, "qualityGate");
        Objects.requireNonNull(detector, "detector");
        if (!(threshold >= -1 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be a cosine in [-1, 1], got " + threshold);
        }
        if (beatsPerDecision < 1) {
            throw new IllegalArgumentException("beatsPerDecision must be >= 1, got " + beatsPerDecision);
        }
    }

    /** The settings of a model that carries none: the full gate, no clip, Pan-Tompkins, threshold 0.80, 10 beats. */
    public static IdentifierSettings defaults() {
        return new IdentifierSettings(Gate.FULL, false, "pan-tompkins", EcgIdentifier.DEFAULT_THRESHOLD,
                EcgIdentifier.DEFAULT_BEATS_PER_DECISION);
    }

    /** The same settings with another threshold. */
    public IdentifierSettings withThreshold(double cosine) {
        return new IdentifierSettings(qualityGate, seedClip, detector, cosine, beatsPerDecision);
    }

    /** The beat pipeline these settings describe, for one sampling rate and mains frequency. */
    public BeatPipeline pipeline(double samplingRateHz, double powerLineHz) {
        BeatPipeline p = new BeatPipeline(samplingRateHz, powerLineHz, detector, true)
                .withQualityGate(qualityGate.gate());
        return seedClip ? p.withSeedClip() : p;
    }

    /** The settings a model file carries, if any. */
    public static Optional<IdentifierSettings> of(OnnxModel model) {
        String v = model.metadata().get(METADATA_KEY);
        if (v == null) {
            return Optional.empty();
        }
        Map<String, String> f = new LinkedHashMap<>();
        for (String part : v.split(";")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw bad(model, "holds '" + part + "', not key=value");
            }
            f.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
        }
        if (!WINDOW.equals(f.get("beat_window_s")) || !String.valueOf(BEAT_SAMPLES).equals(f.get("beat_samples"))) {
            throw bad(model, "asks for beats of window " + f.get("beat_window_s") + " s and " + f.get("beat_samples")
                    + " samples; this library cuts " + WINDOW + " s, " + BEAT_SAMPLES + " samples");
        }
        try {
            Gate gate = Gate.valueOf(require(model, f, "quality_gate").toUpperCase(Locale.ROOT));
            String clip = require(model, f, "seed_clip");
            if (!clip.equals("true") && !clip.equals("false")) {
                throw bad(model, "field seed_clip is '" + clip + "', not true or false");
            }
            String detector = require(model, f, "detector");
            if (!RPeakDetectors.names().contains(detector)) {
                throw bad(model, "names the detector '" + detector + "'; this library has " + RPeakDetectors.names());
            }
            return Optional.of(new IdentifierSettings(gate, Boolean.parseBoolean(clip), detector,
                    Double.parseDouble(require(model, f, "threshold")),
                    Integer.parseInt(require(model, f, "beats_per_decision"))));
        } catch (IllegalArgumentException e) {
            throw bad(model, "is not valid: " + e.getMessage());
        }
    }

    private static String require(OnnxModel model, Map<String, String> f, String key) {
        String v = f.get(key);
        if (v == null || v.isEmpty()) {
            throw bad(model, "lacks the field " + key);
        }
        return v;
    }

    private static EcgModelException bad(OnnxModel model, String what) {
        return new EcgModelException(model.source() + ": metadata " + METADATA_KEY + " " + what
                + "; use a model written by ecgid (ecgid train) or an intact copy of it");
    }

    /** The same model with these settings in its metadata (replacing older ones). */
    public OnnxModel attachTo(OnnxModel model) {
        return model.withMetadata(METADATA_KEY, encode());
    }

    /** The metadata value. */
    public String encode() {
        return "quality_gate=" + qualityGate.label() + ";seed_clip=" + seedClip + ";detector=" + detector
                + ";beat_window_s=" + WINDOW + ";beat_samples=" + BEAT_SAMPLES + ";threshold=" + threshold
                + ";beats_per_decision=" + beatsPerDecision;
    }
}
