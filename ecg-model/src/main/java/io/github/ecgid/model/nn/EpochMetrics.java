package io.github.ecgid.model.nn;

/**
 * What one training epoch achieved. Training loss and accuracy are running averages over the epoch's batches in
 * training mode (dropout on, batch statistics); validation figures are computed in eval mode after the epoch.
 * Accuracies are fractions in [0, 1]; with no validation set the validation figures repeat the training ones.
 *
 * @param epoch              1-based epoch number
 * @param maxEpochs          the configured number of epochs (early stopping may end sooner)
 * @param trainLoss          mean cross-entropy over the epoch's training batches
 * @param trainAccuracy      fraction of training beats classified right during the epoch
 * @param validationLoss     mean cross-entropy on the validation set
 * @param validationAccuracy fraction of validation beats classified right
 * @param learningRate       learning rate used in this epoch
 * @param elapsedSeconds     wall time since training started
 * @param etaSeconds         estimated wall time to finish {@code maxEpochs}
 * @param best               whether this epoch is the best so far (and so the one kept, unless a later one wins)
 */
public record EpochMetrics(int epoch, int maxEpochs, double trainLoss, double trainAccuracy, double validationLoss,
                           double validationAccuracy, double learningRate, double elapsedSeconds, double etaSeconds,
                           boolean best) {
}
