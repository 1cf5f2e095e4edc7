package io.github.ecgid.model.nn;

import io.github.ecgid.core.EcgModelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Trains a {@link LightweightCnn} in pure Java (double precision, on 1 or 2 threads) with the origin's recipe or
 * the one given in {@link TrainingOptions}, and returns the best epoch's network.
 *
 * <p>Deterministic: the same data, options and seed give bit-identical weights, whatever the thread count (each
 * batch is cut into two fixed shards whose partial results are summed in a fixed order) and on any JVM (the
 * transcendental functions come from {@link StrictMath}).
 *
 * <pre>{@code
 * TrainingSet data = TrainingSet.of(beats, labels, List.of("p1", "p2", "p3"));
 * TrainedCnn trained = CnnTrainer.train(data, TrainingOptions.defaults(), TrainingListener.none());
 * LightweightCnn cnn = trained.model();
 * }</pre>
 */
public final class CnnTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(CnnTrainer.class);

    private CnnTrainer() {
    }

    /**
     * Splits {@code data} per class ({@link TrainingOptions#validationFraction()}, seeded), then trains.
     */
    public static TrainedCnn train(TrainingSet data, TrainingOptions options, TrainingListener listener) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(options, "options");
        TrainingSet.Split split = data.stratifiedSplit(options.validationFraction(), options.seed());
        return train(split.training(), split.validation(), options, listener);
    }

    /**
     * Trains on {@code training} and selects the epoch, learning rate and stopping point on {@code validation}
     * (which may be empty: then the training-mode figures stand in for the validation ones).
     *
     * @throws EcgModelException if the sets disagree on the classes, training is empty, or the loss diverges
     */
    public static TrainedCnn train(TrainingSet training, TrainingSet validation, TrainingOptions options,
                                   TrainingListener listener) {
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(options, "options");
        TrainingListener progress = listener == null ? TrainingListener.none() : listener;
        if (!training.classNames().equals(validation.classNames())) {
            throw new EcgModelException("Validation classes " + validation.classNames()
                    + " differ from training classes " + training.classNames());
        }
        if (training.size() == 0) {
            throw new EcgModelException("The training set is empty");
        }
        int n = training.numClasses();
        double[] classWeights = options.classWeights();
        if (classWeights != null && classWeights.length != n) {
            throw new EcgModelException("classWeights has " + classWeights.length + " entries for " + n + " classes");
        }
        try (TrainingNet net = new TrainingNet(n, options.batchSize(), options.threads())) {
            return new Run(net, training, validation, options, progress).run();
        }
    }

    /** One training run's state. */
    private static final class Run {
        private final TrainingNet net;
        private final TrainingSet training;
        private final TrainingSet validation;
        private final TrainingOptions o;
        private final TrainingListener listener;

        Run(TrainingNet net, TrainingSet training, TrainingSet validation, TrainingOptions o,
            TrainingListener listener) {
            this.net = net;
            this.training = training;
            this.validation = validation;
            this.o = o;
            this.listener = listener;
        }

        TrainedCnn run() {
            int n = training.numClasses();
            int bs = o.batchSize();
            net.bnMomentum = o.bnMomentum();
            net.bnEps = o.bnEpsilon();
            net.labelSmoothing = o.labelSmoothing();
            net.classWeights = o.classWeights();
            net.marginScale = o.marginScale();
            net.margin = o.margin();
            net.load(CnnWeights.heInitialized(n, o.seed()));
            AdamW adam = new AdamW(net.size, o.adamBeta1(), o.adamBeta2(), o.adamEpsilon(), o.weightDecay());
            SplittableRandom rnd = new SplittableRandom(o.seed() ^ 0x5DEECE66DL);

            int size = training.size();
            int[] order = new int[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            float[] all = training.flatBeats();
            int[] allLabels = training.labelsView();
            int len = LightweightCnn.BEAT_LENGTH;
            float[] batchBeats = new float[bs * len];
            int[] batchLabels = new int[bs];
            float[] mask = o.dropout() > 0 ? new float[bs * LightweightCnn.EMBEDDING_SIZE] : null;
            float keepScale = (float) (1.0 / (1.0 - o.dropout()));
            double[] grad = new double[net.size];
            int batches = (size + bs - 1) / bs;

            double lr = o.learningRate();
            double plateauBest = Double.POSITIVE_INFINITY;
            int plateauBad = 0;
            double bestAccuracy = Double.NEGATIVE_INFINITY;
            double bestLoss = Double.POSITIVE_INFINITY;
            int bestEpoch = 0;
            int sinceBest = 0;
            CnnWeights bestWeights = null;
            boolean stoppedEarly = false;
            List<EpochMetrics> history = new ArrayList<>();
            long start = System.nanoTime();

            for (int epoch = 1; epoch <= o.epochs(); epoch++) {
                shuffle(order, rnd);
                double lossSum = 0;
                double weightSum = 0;
                int correct = 0;
                for (int bi = 0; bi < batches; bi++) {
                    int from = bi * bs;
                    int count = Math.min(bs, size - from);
                    for (int q = 0; q < count; q++) {
                        int idx = order[from + q];
                        System.arraycopy(all, idx * len, batchBeats, q * len, len);
                        batchLabels[q] = allLabels[idx];
                    }
                    if (mask != null) {
                        for (int i = 0; i < count * LightweightCnn.EMBEDDING_SIZE; i++) {
                            mask[i] = rnd.nextDouble() < o.dropout() ? 0f : keepScale;
                        }
                    }
                    double loss = net.trainStep(batchBeats, batchLabels, count, mask, grad);
                    if (!Double.isFinite(loss)) {
                        throw new EcgModelException("Training diverged: loss " + loss + " in epoch " + epoch
                                + ", batch " + (bi + 1) + "; lower the learning rate");
                    }
                    lossSum += net.lastLossSum();
                    weightSum += net.lastWeightSum();
                    correct += net.lastCorrect();
                    if (o.gradientClipNorm() > 0) {
                        AdamW.clipGradientNorm(grad, net.size, o.gradientClipNorm());
                    }
                    adam.step(net.params, grad, lr);
                    listener.onBatch(epoch, bi + 1, batches);
                }
                double trainLoss = lossSum / weightSum;
                double trainAccuracy = (double) correct / size;
                double valLoss = trainLoss;
                double valAccuracy = trainAccuracy;
                if (validation.size() > 0) {
                    double[] v = evaluate(validation, batchBeats, batchLabels);
                    valLoss = v[0];
                    valAccuracy = v[1];
                }
                double usedLr = lr;
                // ReduceLROnPlateau (mode min, relative threshold, cooldown 0), as PyTorch steps it after the epoch
                if (valLoss < plateauBest * (1 - o.plateauThreshold())) {
                    plateauBest = valLoss;
                    plateauBad = 0;
                } else if (++plateauBad > o.plateauPatience()) {
                    double reduced = Math.max(lr * o.plateauFactor(), o.minLearningRate());
                    if (lr - reduced > 1e-8) {
                        lr = reduced;
                    }
                    plateauBad = 0;
                }
                // keep the most accurate epoch; among equally accurate ones (validation sets saturate at 1.0 on
                // easy data) the one with the lower validation loss. Patience still counts accuracy gains only.
                boolean moreAccurate = valAccuracy > bestAccuracy;
                boolean best = moreAccurate || (valAccuracy == bestAccuracy && valLoss < bestLoss);
                if (best) {
                    bestAccuracy = valAccuracy;
                    bestLoss = valLoss;
                    bestEpoch = epoch;
                    bestWeights = net.toWeights();
                }
                sinceBest = moreAccurate ? 0 : sinceBest + 1;
                double elapsed = (System.nanoTime() - start) / 1e9;
                double eta = elapsed / epoch * (o.epochs() - epoch);
                EpochMetrics m = new EpochMetrics(epoch, o.epochs(), trainLoss, trainAccuracy, valLoss, valAccuracy,
                        usedLr, elapsed, eta, best);
                history.add(m);
                LOG.debug("epoch {}/{}: train loss {} acc {}, validation loss {} acc {}, lr {}", epoch, o.epochs(),
                        trainLoss, trainAccuracy, valLoss, valAccuracy, usedLr);
                listener.onEpoch(m);
                if (o.earlyStoppingPatience() > 0 && sinceBest >= o.earlyStoppingPatience() && epoch < o.epochs()) {
                    stoppedEarly = true;
                    break;
                }
            }
            if (o.marginScale() > 0) {
                bestWeights = cosineHeadForExport(bestWeights, validation.size() > 0 ? validation : training,
                        batchBeats, batchLabels);
            }
            EpochMetrics kept = history.get(bestEpoch - 1);
            LOG.info("Trained LightweightCnn on {} beats, {} classes: best epoch {} of {} (validation accuracy {}, "
                            + "loss {}) in {} s", size, n, bestEpoch, history.size(), kept.validationAccuracy(),
                    kept.validationLoss(), String.format("%.1f", (System.nanoTime() - start) / 1e9));
            return new TrainedCnn(new LightweightCnn(bestWeights), training.classNames(), history, bestEpoch,
                    stoppedEarly, training.fingerprint(), o);
        }

        /**
         * The exported network has a plain dense last layer ({@code W e + b}). For a cosine-margin network its rows
         * become the unit class directions times {@code s / mean|e|} (bias 0), so the exported logits are
         * {@code s cos(e, W_k) |e| / mean|e|}: the same ranking as the training logits {@code s cos(e, W_k)} and,
         * for an embedding of typical length, the same softmax.
         */
        private CnnWeights cosineHeadForExport(CnnWeights w, TrainingSet set, float[] batchBeats, int[] batchLabels) {
            net.load(w);
            int bs = net.maxBatch();
            int len = LightweightCnn.BEAT_LENGTH;
            int e = LightweightCnn.EMBEDDING_SIZE;
            float[] all = set.flatBeats();
            int[] labels = set.labelsView();
            float[] logits = new float[bs * set.numClasses()];
            float[] emb = new float[bs * e];
            double normSum = 0;
            for (int from = 0; from < set.size(); from += bs) {
                int count = Math.min(bs, set.size() - from);
                System.arraycopy(all, from * len, batchBeats, 0, count * len);
                System.arraycopy(labels, from, batchLabels, 0, count);
                net.forward(batchBeats, batchLabels, count, false, logits, emb);
                for (int b = 0; b < count; b++) {
                    double s2 = 0;
                    for (int j = 0; j < e; j++) {
                        s2 += (double) emb[b * e + j] * emb[b * e + j];
                    }
                    normSum += Math.sqrt(s2);
                }
            }
            double meanNorm = normSum / set.size();
            double factor = meanNorm > 0 ? o.marginScale() / meanNorm : o.marginScale();
            DenseParams fc2 = w.fc2();
            float[] wt = fc2.weight();
            int n = fc2.outFeatures();
            for (int k = 0; k < n; k++) {
                double s2 = 0;
                for (int j = 0; j < e; j++) {
                    s2 += (double) wt[k * e + j] * wt[k * e + j];
                }
                double scale = s2 > 0 ? factor / Math.sqrt(s2) : 0;
                for (int j = 0; j < e; j++) {
                    wt[k * e + j] = (float) (wt[k * e + j] * scale);
                }
            }
            return new CnnWeights(w.conv1(), w.bn1(), w.conv2(), w.bn2(), w.conv3(), w.bn3(), w.fc1(),
                    new DenseParams(n, e, wt, new float[n]));
        }

        /** Eval-mode loss and accuracy on a whole set, in batches; returns {loss, accuracy}. */
        private double[] evaluate(TrainingSet set, float[] batchBeats, int[] batchLabels) {
            int bs = net.maxBatch();
            int len = LightweightCnn.BEAT_LENGTH;
            float[] all = set.flatBeats();
            int[] labels = set.labelsView();
            float[] logits = new float[bs * set.numClasses()];
            double lossSum = 0;
            double weightSum = 0;
            int correct = 0;
            for (int from = 0; from < set.size(); from += bs) {
                int count = Math.min(bs, set.size() - from);
                System.arraycopy(all, from * len, batchBeats, 0, count * len);
                System.arraycopy(labels, from, batchLabels, 0, count);
                net.forward(batchBeats, batchLabels, count, false, logits, null);
                lossSum += net.lastLossSum();
                weightSum += net.lastWeightSum();
                correct += net.lastCorrect();
            }
            return new double[] {lossSum / weightSum, (double) correct / set.size()};
        }

        private static void shuffle(int[] a, SplittableRandom rnd) {
            for (int i = a.length - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = a[i];
                a[i] = a[j];
                a[j] = t;
            }
        }
    }
}
