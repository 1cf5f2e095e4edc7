package io.github.ecgid.model.nn;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link CnnTrainer#train}: the network of the best epoch, its class names and how training went.
 *
 * @param model           the network with the weights of {@code bestEpoch}
 * @param classNames      class names, index = class (logit index)
 * @param history         one entry per epoch run
 * @param bestEpoch       1-based epoch whose weights were kept (highest validation accuracy; on ties, lowest validation loss)
 * @param stoppedEarly    whether early stopping ended training before {@code options.epochs()}
 * @param dataFingerprint {@link TrainingSet#fingerprint()} of the training beats
 * @param options         the options used (including the seed)
 */
public record TrainedCnn(LightweightCnn model, List<String> classNames, List<EpochMetrics> history, int bestEpoch,
                         boolean stoppedEarly, String dataFingerprint, TrainingOptions options) {

    public TrainedCnn {
        Objects.requireNonNull(model, "model");
        classNames = List.copyOf(classNames);
        history = List.copyOf(history);
        Objects.requireNonNull(options, "options");
    }

    /** The kept weights. */
    public CnnWeights weights() {
        return model.weights();
    }

    /** Metrics of the kept epoch. */
    public EpochMetrics best() {
        return history.get(bestEpoch - 1);
    }

    /** The seed training used. */
    public long seed() {
        return options.seed();
    }
}
