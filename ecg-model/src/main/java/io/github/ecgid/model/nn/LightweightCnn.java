package io.github.ecgid.model.nn;

import io.github.ecgid.core.EcgModelException;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The origin's LightweightCNN in eval mode, for inference: an immutable, thread-safe network over 175-sample
 * beats that returns class logits and a 64-d embedding.
 *
 * <pre>
 * [B,1,175] → Conv1d(1→32,k7,pad3) → BN → ReLU → MaxPool(2)        → [B,32,87]
 *           → Conv1d(32→64,k5,pad2) → BN → ReLU → MaxPool(2)       → [B,64,43]
 *           → Conv1d(64→128,k3,pad1) → BN → ReLU → GlobalAvgPool   → [B,128]
 *           → Dense(128→64) → ReLU  = embedding                     → [B,64]
 *           → Dropout(0.3) (training only) → Dense(64→N) = logits   → [B,N]
 * </pre>
 *
 * <p>The embedding is the output of the first dense layer after its ReLU (before dropout, which is the
 * identity at inference). Pooling floors odd lengths (175 → 87 → 43), as PyTorch does.
 *
 * <pre>{@code
 * LightweightCnn cnn = new LightweightCnn(trained.weights());
 * CnnOutput out = cnn.predict(beat);           // beat: float[175], z-scored
 * int cls = out.predictedClass();
 * float[] emb = out.embedding();
 * }</pre>
 *
 * <p>Thread-safe: each thread gets its own scratch buffers; the allocation-free overloads write into
 * caller-owned arrays. Create it with {@link CnnTrainer} or from weights read elsewhere (ONNX).
 */
public final class LightweightCnn {

    /** Samples per beat the network takes. */
    public static final int BEAT_LENGTH = 175;
    /** Size of the embedding (output of the first dense layer after ReLU). */
    public static final int EMBEDDING_SIZE = 64;

    private final CnnWeights weights;
    private final FastForward fast;
    private final ThreadLocal<FastForward.Scratch> scratch;

    /** A network with the given weights (eval mode: BatchNorm uses the running statistics). */
    public LightweightCnn(CnnWeights weights) {
        this.weights = Objects.requireNonNull(weights, "weights");
        this.fast = new FastForward(weights);
        this.scratch = ThreadLocal.withInitial(fast::newScratch);
    }

    /** Same as {@link #LightweightCnn(CnnWeights)}. */
    public static LightweightCnn of(CnnWeights weights) {
        return new LightweightCnn(weights);
    }

    /** The weights (an immutable value). */
    public CnnWeights weights() {
        return weights;
    }

    /** Number of output classes N. */
    public int numClasses() {
        return weights.numClasses();
    }

    /** Trainable parameters of this network (44,358 for 6 classes). */
    public int parameterCount() {
        return weights.parameterCount();
    }

    /** Trainable parameters of the architecture for {@code numClasses} classes: {@code 43,968 + 65 N}. */
    public static int parameterCount(int numClasses) {
        return 320 + 10_432 + 24_960 + 8_256 + 65 * numClasses;
    }

    /**
     * Logits and embedding of one beat.
     *
     * @param beat 175 finite samples (the preprocessing the model was trained with, z-scored)
     * @throws EcgModelException if the beat has the wrong length or a NaN/infinite sample
     */
    public CnnOutput predict(float[] beat) {
        float[] logits = new float[numClasses()];
        float[] embedding = new float[EMBEDDING_SIZE];
        predict(beat, logits, embedding);
        return new CnnOutput(logits, embedding);
    }

    /**
     * Allocation-free single beat: writes N logits into {@code logitsOut} and, if not null, 64 values into
     * {@code embeddingOut}.
     */
    public void predict(float[] beat, float[] logitsOut, float[] embeddingOut) {
        Objects.requireNonNull(beat, "beat");
        if (beat.length != BEAT_LENGTH) {
            throw new EcgModelException("A beat must have " + BEAT_LENGTH + " samples, got " + beat.length);
        }
        predictBatch(beat, 1, logitsOut, embeddingOut);
    }

    /**
     * Allocation-free batch: {@code beats} holds {@code batchSize} beats back to back ({@code [b * 175 + t]});
     * writes {@code [b * N + k]} logits and, if {@code embeddingOut} is not null, {@code [b * 64 + j]} embeddings.
     *
     * @throws EcgModelException if an array is too short or a beat has a NaN/infinite sample (naming beat and
     *                           sample)
     */
    public void predictBatch(float[] beats, int batchSize, float[] logitsOut, float[] embeddingOut) {
        Objects.requireNonNull(beats, "beats");
        Objects.requireNonNull(logitsOut, "logitsOut");
        if (batchSize < 0) {
            throw new IllegalArgumentException("batchSize must be >= 0, got " + batchSize);
        }
        int n = numClasses();
        if (beats.length < batchSize * BEAT_LENGTH) {
            throw new EcgModelException("Batch of " + batchSize + " beats needs " + batchSize * BEAT_LENGTH
                    + " samples (" + BEAT_LENGTH + " per beat), got " + beats.length);
        }
        if (logitsOut.length < batchSize * n) {
            throw new IllegalArgumentException("logitsOut needs " + batchSize * n + " values, has " + logitsOut.length);
        }
        if (embeddingOut != null && embeddingOut.length < batchSize * EMBEDDING_SIZE) {
            throw new IllegalArgumentException("embeddingOut needs " + batchSize * EMBEDDING_SIZE + " values, has "
                    + embeddingOut.length);
        }
        checkFinite(beats, batchSize);
        FastForward.Scratch s = scratch.get();
        for (int b = 0; b < batchSize; b++) {
            fast.forward(beats, b * BEAT_LENGTH, s, logitsOut, b * n, embeddingOut, b * EMBEDDING_SIZE);
        }
    }

    /** Logits and embeddings of each beat ({@code float[175]} each). */
    public List<CnnOutput> predictAll(float[][] beats) {
        List<CnnOutput> out = new ArrayList<>(beats.length);
        for (int i = 0; i < beats.length; i++) {
            float[] beat = Objects.requireNonNull(beats[i], "beats[" + i + "]");
            if (beat.length != BEAT_LENGTH) {
                throw new EcgModelException("Beat " + i + " must have " + BEAT_LENGTH + " samples, got "
                        + beat.length);
            }
            try {
                out.add(predict(beat));
            } catch (EcgModelException e) {
                throw new EcgModelException("Beat " + i + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    static void checkFinite(float[] beats, int batchSize) {
        int total = batchSize * BEAT_LENGTH;
        for (int i = 0; i < total; i++) {
            if (!Float.isFinite(beats[i])) {
                int b = i / BEAT_LENGTH;
                throw new EcgModelException((batchSize > 1 ? "Beat " + b + " has " : "The beat has ")
                        + (Float.isNaN(beats[i]) ? "NaN" : "an infinite value") + " at sample " + (i % BEAT_LENGTH)
                        + "; clean or drop it before inference");
            }
        }
    }

    @Override
    public String toString() {
        return "LightweightCnn[classes=" + numClasses() + ", parameters=" + parameterCount() + "]";
    }
}
