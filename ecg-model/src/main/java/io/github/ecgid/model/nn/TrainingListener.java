package io.github.ecgid.model.nn;

/**
 * Hears training progress, e.g. to draw a progress bar. Called on the training thread; keep it quick.
 *
 * <pre>{@code
 * TrainingListener bar = m -> System.err.printf("epoch %d/%d loss %.4f val acc %.3f lr %.1e eta %.0fs%n",
 *         m.epoch(), m.maxEpochs(), m.trainLoss(), m.validationAccuracy(), m.learningRate(), m.etaSeconds());
 * }</pre>
 */
@FunctionalInterface
public interface TrainingListener {

    /** After each epoch, validation included. */
    void onEpoch(EpochMetrics metrics);

    /** After each optimiser step; {@code batch} is 1-based. Does nothing unless overridden. */
    default void onBatch(int epoch, int batch, int batchesPerEpoch) {
    }

    /** A listener that ignores everything. */
    static TrainingListener none() {
        return m -> {
        };
    }
}
