package io.github.ecgid.model.nn;

import java.util.Arrays;
import java.util.Objects;

/**
 * How {@link CnnTrainer} trains. The defaults are the origin system's recipe: AdamW (learning rate 1e-3, weight
 * decay 1e-4, PyTorch semantics), batch 32, gradient-norm clipping at 1.0, ReduceLROnPlateau on the validation
 * loss (factor 0.5, patience 5), early stopping after 15 epochs without a better validation accuracy, dropout 0.3,
 * at most 50 epochs, the best epoch kept.
 *
 * <pre>{@code
 * TrainingOptions opts = TrainingOptions.builder().epochs(30).seed(7).build();
 * TrainingOptions quick = opts.toBuilder().earlyStoppingPatience(5).build();
 * }</pre>
 *
 * @param epochs                most epochs to run, {@code >= 1}
 * @param batchSize             beats per optimiser step, {@code >= 2} (BatchNorm needs a batch)
 * @param learningRate          initial AdamW learning rate
 * @param weightDecay           decoupled weight decay, applied to every parameter as PyTorch's AdamW does
 * @param adamBeta1             first-moment decay (0.9)
 * @param adamBeta2             second-moment decay (0.999)
 * @param adamEpsilon           added to the root of the second moment (1e-8)
 * @param gradientClipNorm      largest global L2 norm of the gradient; {@code 0} disables clipping
 * @param plateauFactor         learning-rate factor when the validation loss stalls, in (0, 1)
 * @param plateauPatience       epochs without a relative validation-loss improvement above
 *                              {@code plateauThreshold} before the rate drops
 * @param plateauThreshold      relative improvement that counts (PyTorch's default 1e-4, mode "rel")
 * @param minLearningRate       the rate never drops below this
 * @param earlyStoppingPatience epochs without a better validation accuracy before stopping; {@code 0} disables
 * @param dropout               dropout probability before the last layer, in [0, 1)
 * @param labelSmoothing        label smoothing of the cross-entropy target, in [0, 1)
 * @param classWeights          per-class loss weights (length = classes, positive), or null for equal weights
 * @param validationFraction    share of each class held out for validation when the trainer splits the data
 * @param seed                  seeds initialisation, the split, shuffling and dropout
 * @param threads               1 or 2 worker threads; results are identical for either
 * @param bnMomentum            BatchNorm running-statistics momentum (PyTorch's 0.1)
 * @param bnEpsilon             BatchNorm epsilon (PyTorch's 1e-5)
 * @param marginScale           {@code 0} (default): the origin's softmax cross-entropy on the last layer's logits.
 *                              {@code > 0}: additive cosine margin loss (CosFace) with this scale {@code s}: the
 *                              logits become {@code s cos(e, W_k)} of the 64-value embedding {@code e} and each
 *                              class's weight row, the true class's logit lowered by {@code s m} in the loss. It
 *                              pulls each person's embeddings into a tight cone, which is what cosine templates use
 * @param margin                the cosine margin {@code m} in [0, 1) of that loss (ignored when marginScale is 0)
 */
public record TrainingOptions(int epochs, int batchSize, double learningRate, double weightDecay, double adamBeta1,
                              double adamBeta2, double adamEpsilon, double gradientClipNorm, double plateauFactor,
                              int plateauPatience, double plateauThreshold, double minLearningRate,
                              int earlyStoppingPatience, double dropout, double labelSmoothing,
                              double[] classWeights, double validationFraction, long seed, int threads,
                              double bnMomentum, double bnEpsilon, double marginScale, double margin) {

    /** The default seed. */
    public static final long DEFAULT_SEED = CnnWeights.DEFAULT_SEED;

    public TrainingOptions {
        require(epochs >= 1, "epochs must be >= 1, got " + epochs);
        require(batchSize >= 2, "batchSize must be >= 2 (BatchNorm needs a batch), got " + batchSize);
        require(learningRate > 0 && Double.isFinite(learningRate), "learningRate must be > 0, got " + learningRate);
        require(weightDecay >= 0 && Double.isFinite(weightDecay), "weightDecay must be >= 0, got " + weightDecay);
        require(adamBeta1 >= 0 && adamBeta1 < 1, "adamBeta1 must be in [0, 1), got " + adamBeta1);
        require(adamBeta2 >= 0 && adamBeta2 < 1, "adamBeta2 must be in [0, 1), got " + adamBeta2);
        require(adamEpsilon > 0, "adamEpsilon must be > 0, got " + adamEpsilon);
        require(gradientClipNorm >= 0, "gradientClipNorm must be >= 0 (0 disables), got " + gradientClipNorm);
        require(plateauFactor > 0 && plateauFactor < 1, "plateauFactor must be in (0, 1), got " + plateauFactor);
        require(plateauPatience >= 0, "plateauPatience must be >= 0, got " + plateauPatience);
        require(plateauThreshold >= 0, "plateauThreshold must be >= 0, got " + plateauThreshold);
        require(minLearningRate >= 0, "minLearningRate must be >= 0, got " + minLearningRate);
        require(earlyStoppingPatience >= 0, "earlyStoppingPatience must be >= 0 (0 disables), got "
                + earlyStoppingPatience);
        require(dropout >= 0 && dropout < 1, "dropout must be in [0, 1), got " + dropout);
        require(labelSmoothing >= 0 && labelSmoothing < 1, "labelSmoothing must be in [0, 1), got " + labelSmoothing);
        if (classWeights != null) {
            classWeights = classWeights.clone();
            for (int i = 0; i < classWeights.length; i++) {
                require(classWeights[i] > 0 && Double.isFinite(classWeights[i]),
                        "classWeights[" + i + "] must be positive and finite, got " + classWeights[i]);
            }
        }
        require(validationFraction >= 0 && validationFraction < 1,
                "validationFraction must be in [0, 1), got " + validationFraction);
        require(threads == 1 || threads == 2, "threads must be 1 or 2, got " + threads);
        require(bnMomentum > 0 && bnMomentum <= 1, "bnMomentum must be in (0, 1], got " + bnMomentum);
        require(bnEpsilon > 0, "bnEpsilon must be > 0, got " + bnEpsilon);
        require(marginScale >= 0 && Double.isFinite(marginScale), "marginScale must be >= 0 (0 disables), got "
                + marginScale);
        require(margin >= 0 && margin < 1, "margin must be in [0, 1), got " + margin);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** A copy of the class weights, or null. */
    @Override
    public double[] classWeights() {
        return classWeights == null ? null : classWeights.clone();
    }

    /** The origin's recipe. */
    public static TrainingOptions defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.epochs = epochs;
        b.batchSize = batchSize;
        b.learningRate = learningRate;
        b.weightDecay = weightDecay;
        b.adamBeta1 = adamBeta1;
        b.adamBeta2 = adamBeta2;
        b.adamEpsilon = adamEpsilon;
        b.gradientClipNorm = gradientClipNorm;
        b.plateauFactor = plateauFactor;
        b.plateauPatience = plateauPatience;
        b.plateauThreshold = plateauThreshold;
        b.minLearningRate = minLearningRate;
        b.earlyStoppingPatience = earlyStoppingPatience;
        b.dropout = dropout;
        b.labelSmoothing = labelSmoothing;
        b.classWeights = classWeights();
        b.validationFraction = validationFraction;
        b.seed = seed;
        b.threads = threads;
        b.bnMomentum = bnMomentum;
        b.bnEpsilon = bnEpsilon;
        b.marginScale = marginScale;
        b.margin = margin;
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainingOptions t && t.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @Override
    public String toString() {
        return "TrainingOptions[epochs=" + epochs + ", batchSize=" + batchSize + ", learningRate=" + learningRate
                + ", weightDecay=" + weightDecay + ", adamBeta1=" + adamBeta1 + ", adamBeta2=" + adamBeta2
                + ", adamEpsilon=" + adamEpsilon + ", gradientClipNorm=" + gradientClipNorm + ", plateauFactor="
                + plateauFactor + ", plateauPatience=" + plateauPatience + ", plateauThreshold=" + plateauThreshold
                + ", minLearningRate=" + minLearningRate + ", earlyStoppingPatience=" + earlyStoppingPatience
                + ", dropout=" + dropout + ", labelSmoothing=" + labelSmoothing + ", classWeights="
                + Arrays.toString(classWeights) + ", validationFraction=" + validationFraction + ", seed=" + seed
                + ", threads=" + threads + ", bnMomentum=" + bnMomentum + ", bnEpsilon=" + bnEpsilon
                + (marginScale > 0 ? ", marginScale=" + marginScale + ", margin=" + margin : "") + "]";
    }

    /** Builds {@link TrainingOptions}; every setting starts at the origin's default. */
    public static final class Builder {
        private int epochs = 50;
        private int batchSize = 32;
        private double learningRate = 1e-3;
        private double weightDecay = 1e-4;
        private double adamBeta1 = 0.9;
        private double adamBeta2 = 0.999;
        private double adamEpsilon = 1e-8;
        private double gradientClipNorm = 1.0;
        private double plateauFactor = 0.5;
        private int plateauPatience = 5;
        private double plateauThreshold = 1e-4;
        private double minLearningRate = 0;
        private int earlyStoppingPatience = 15;
        private double dropout = 0.3;
        private double labelSmoothing = 0;
        private double[] classWeights;
        private double validationFraction = 0.2;
        private long seed = DEFAULT_SEED;
        private int threads = Math.min(2, Math.max(1, Runtime.getRuntime().availableProcessors()));
        private double bnMomentum = 0.1;
        private double bnEpsilon = 1e-5;
        private double marginScale;
        private double margin;

        private Builder() {
        }

        public Builder epochs(int v) {
            epochs = v;
            return this;
        }

        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        public Builder learningRate(double v) {
            learningRate = v;
            return this;
        }

        public Builder weightDecay(double v) {
            weightDecay = v;
            return this;
        }

        /** Adam's moment decays (0.9, 0.999). */
        public Builder adamBetas(double beta1, double beta2) {
            adamBeta1 = beta1;
            adamBeta2 = beta2;
            return this;
        }

        public Builder adamEpsilon(double v) {
            adamEpsilon = v;
            return this;
        }

        /** Largest global L2 norm of the gradient; 0 disables clipping. */
        public Builder gradientClipNorm(double v) {
            gradientClipNorm = v;
            return this;
        }

        public Builder plateauFactor(double v) {
            plateauFactor = v;
            return this;
        }

        public Builder plateauPatience(int v) {
            plateauPatience = v;
            return this;
        }

        public Builder plateauThreshold(double v) {
            plateauThreshold = v;
            return this;
        }

        public Builder minLearningRate(double v) {
            minLearningRate = v;
            return this;
        }

        /** Epochs without a better validation accuracy before stopping; 0 disables early stopping. */
        public Builder earlyStoppingPatience(int v) {
            earlyStoppingPatience = v;
            return this;
        }

        public Builder dropout(double v) {
            dropout = v;
            return this;
        }

        public Builder labelSmoothing(double v) {
            labelSmoothing = v;
            return this;
        }

        /** Per-class loss weights (copied), or null for equal weights. */
        public Builder classWeights(double[] v) {
            classWeights = v == null ? null : v.clone();
            return this;
        }

        public Builder validationFraction(double v) {
            validationFraction = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** 1 or 2 worker threads (default: 2 where the machine has 2 cores); the result does not depend on it. */
        public Builder threads(int v) {
            threads = v;
            return this;
        }

        public Builder bnMomentum(double v) {
            bnMomentum = v;
            return this;
        }

        public Builder bnEpsilon(double v) {
            bnEpsilon = v;
            return this;
        }

        /**
         * Trains with the additive cosine margin loss (CosFace) instead of plain softmax: scale {@code s} (e.g.
         * 16-30) and margin {@code m} (e.g. 0.2-0.35); {@code s = 0} restores the softmax.
         */
        public Builder cosineMargin(double s, double m) {
            marginScale = s;
            margin = m;
            return this;
        }

        /** @throws IllegalArgumentException naming the first setting out of range */
        public TrainingOptions build() {
            return new TrainingOptions(epochs, batchSize, learningRate, weightDecay, adamBeta1, adamBeta2, adamEpsilon,
                    gradientClipNorm, plateauFactor, plateauPatience, plateauThreshold, minLearningRate,
                    earlyStoppingPatience, dropout, labelSmoothing, classWeights, validationFraction, seed, threads,
                    bnMomentum, bnEpsilon, marginScale, margin);
        }
    }
}
