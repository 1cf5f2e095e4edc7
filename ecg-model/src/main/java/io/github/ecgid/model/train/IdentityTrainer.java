package io.github.ecgid.model.train;

import io.github.ecgid.signal.beat.BeatPipeline;
import io.github.ecgid.model.identify.EcgIdentifier;
import io.github.ecgid.model.identify.IdentifierSettings;
import io.github.ecgid.model.identify.IdentitySpace;
import io.github.ecgid.model.nn.BeatAugmenter;
import io.github.ecgid.model.nn.CnnTrainer;
import io.github.ecgid.model.nn.EpochMetrics;
import io.github.ecgid.model.nn.TrainedCnn;
import io.github.ecgid.model.nn.TrainingListener;
import io.github.ecgid.model.nn.TrainingOptions;
import io.github.ecgid.model.nn.TrainingSet;
import io.github.ecgid.model.onnx.ModelProvenance;
import io.github.ecgid.model.onnx.OnnxModel;
import io.github.ecgid.signal.beat.QualityGate;
import io.github.ecgid.signal.detect.Detector;
import io.github.ecgid.signal.filter.PowerLine;
import java.util.List;
import java.util.Objects;

/**
 * Trains an identity model on labelled beats of a population (one class per person): the network, then the
 * embedding centre and {@link IdentitySpace} fitted on the same people, then the {@link IdentifierSettings} an
 * identifier must apply (gate, detector, threshold, beats per decision), all in one {@link OnnxModel}. As in
 * Tribuo, the trainer holds how to train and the model what was learned: an {@link EcgIdentifier} only loads a
 * model and scores, it never trains.
 *
 * <pre>{@code
 * IdentityTrainer.Trained t = IdentityTrainer.builder().samplingRateHz(250)
 *         .options(TrainingOptions.builder().epochs(50).seed(42).build())
 *         .build().train(beatsOfMyPeople);
 * t.model().write(Path.of("mine.onnx"));
 * try (EcgIdentifier id = EcgIdentifier.builder().samplingRateHz(250).model(t.model()).build()) { ... }
 * }</pre>
 */
public final class IdentityTrainer {
    private final Builder b;

    private IdentityTrainer(Builder b) {
        this.b = b;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this trainer's settings. */
    public Builder toBuilder() {
        return new Builder(b);
    }

    /**
     * A trained model and how its training went.
     *
     * @param model   the network with its identity space and identifier settings
     * @param history one entry per epoch run
     */
    public record Trained(OnnxModel model, List<EpochMetrics> history) {
        public Trained {
            Objects.requireNonNull(model, "model");
            history = List.copyOf(history);
        }
    }

    /** Trains on {@code data} (beats cut by this trainer's pipeline: {@link #pipeline()}). */
    public Trained train(TrainingSet data) {
        Objects.requireNonNull(data, "data");
        TrainedCnn trained = fitNetwork(data, b.options, b.augmentCopies, b.augmenter, b.listener);
        OnnxModel m = OnnxModel.export(trained.weights(), ModelProvenance.builder()
                .classLabels(data.classNames())
                .samplingRateHz(b.samplingRateHz)
                .preprocessing(BeatPipeline.describe(b.samplingRateHz, b.powerLineHz, b.detector))
                .trainingDataSha256(data.fingerprint())
                .seed(b.options.seed())
                .build());
        return new Trained(finish(m, data, settings()), trained.history());
    }

    /** The settings the trained model carries. */
    public IdentifierSettings settings() {
        return new IdentifierSettings(b.gate, false, b.detector, b.threshold, b.beatsPerDecision);
    }

    /** The beat pipeline training beats should be cut by, so that they match what the identifier will cut. */
    public BeatPipeline pipeline() {
        return settings().pipeline(b.samplingRateHz, b.powerLineHz);
    }

    /** Splits off the validation beats, adds augmented copies of the rest and trains the network. */
    static TrainedCnn fitNetwork(TrainingSet all, TrainingOptions options, int augmentCopies, BeatAugmenter augmenter,
                                 TrainingListener listener) {
        TrainingSet.Split split = all.stratifiedSplit(options.validationFraction(), options.seed());
        TrainingSet fit = augmentCopies == 0 ? split.training()
                : augmenter.augment(split.training(), augmentCopies, options.seed());
        return CnnTrainer.train(fit, split.validation(), options, listener);
    }

    /** Fits the identity space on the whole population and attaches the settings. */
    static OnnxModel finish(OnnxModel network, TrainingSet all, IdentifierSettings settings) {
        return settings.attachTo(IdentitySpace.fitAndAttach(network, all));
    }

    /** Configures a trainer. */
    public static final class Builder {
        private double samplingRateHz = Double.NaN;
        private double powerLineHz = 50;
        private String detector = IdentifierSettings.defaults().detector();
        private IdentifierSettings.Gate gate = IdentifierSettings.defaults().qualityGate();
        private double threshold = IdentifierSettings.defaults().threshold();
        private int beatsPerDecision = IdentifierSettings.defaults().beatsPerDecision();
        private TrainingOptions options = TrainingOptions.defaults();
        private int augmentCopies;
        private BeatAugmenter augmenter = BeatAugmenter.defaults();
        private TrainingListener listener = TrainingListener.none();

        private Builder() {
        }

        private Builder(Builder o) {
            samplingRateHz = o.samplingRateHz;
            powerLineHz = o.powerLineHz;
            detector = o.detector;
            gate = o.gate;
            threshold = o.threshold;
            beatsPerDecision = o.beatsPerDecision;
            options = o.options;
            augmentCopies = o.augmentCopies;
            augmenter = o.augmenter;
            listener = o.listener;
        }

        /** Sampling rate of the training recordings, Hz (recorded in the model's provenance). Required. */
        public Builder samplingRateHz(double hz) {
            if (!(hz > 0) || Double.isInfinite(hz)) {
                throw new IllegalArgumentException("samplingRateHz must be positive and finite, got " + hz);
            }
            this.samplingRateHz = hz;
            return this;
        }

        /** Mains frequency the recordings were notched at: 50 (default) or 60 Hz. */
        public Builder powerLineHz(double hz) {
            this.powerLineHz = PowerLine.requireSupported(hz);
            return this;
        }

        /** R-peak detector the model's identifiers use (default {@link Detector#PAN_TOMPKINS}). */
        public Builder detector(Detector d) {
            this.detector = Objects.requireNonNull(d, "detector").label();
            return this;
        }

        /** Beat quality gate the model's identifiers apply (default {@link IdentifierSettings.Gate#FULL}). */
        public Builder qualityGate(IdentifierSettings.Gate g) {
            this.gate = Objects.requireNonNull(g, "gate");
            return this;
        }

        /** {@link #qualityGate(IdentifierSettings.Gate)} by gate ({@code null}: none). */
        public Builder qualityGate(QualityGate g) {
            return qualityGate(IdentifierSettings.Gate.of(g));
        }

        /** Open-set cosine threshold the model carries (default {@value EcgIdentifier#DEFAULT_THRESHOLD}). */
        public Builder threshold(double cosine) {
            if (!(cosine >= -1 && cosine <= 1)) {
                throw new IllegalArgumentException("threshold must be a cosine in [-1, 1], got " + cosine);
            }
            this.threshold = cosine;
            return this;
        }

        /** Beats per decision the threshold holds for (default {@value EcgIdentifier#DEFAULT_BEATS_PER_DECISION}). */
        public Builder beatsPerDecision(int k) {
            if (k < 1) {
                throw new IllegalArgumentException("beatsPerDecision must be >= 1, got " + k);
            }
            this.beatsPerDecision = k;
            return this;
        }

        /** How the network trains (epochs, loss, seed, threads). */
        public Builder options(TrainingOptions o) {
            this.options = Objects.requireNonNull(o, "options");
            return this;
        }

        /** Adds {@code copies} augmented copies of each training beat ({@link BeatAugmenter#defaults()}). */
        public Builder augmentation(int copies) {
            return augmentation(copies, BeatAugmenter.defaults());
        }

        /** Adds {@code copies} copies of each training beat made by {@code how}; validation beats stay as recorded. */
        public Builder augmentation(int copies, BeatAugmenter how) {
            if (copies < 0) {
                throw new IllegalArgumentException("augmentation copies must be >= 0, got " + copies);
            }
            this.augmentCopies = copies;
            this.augmenter = Objects.requireNonNull(how, "how");
            return this;
        }

        /** Progress of training (epochs, loss, accuracy). */
        public Builder listener(TrainingListener l) {
            this.listener = Objects.requireNonNull(l, "listener");
            return this;
        }

        public IdentityTrainer build() {
            if (Double.isNaN(samplingRateHz)) {
                throw new IllegalStateException("samplingRateHz is required");
            }
            return new IdentityTrainer(new Builder(this));
        }
    }
}
