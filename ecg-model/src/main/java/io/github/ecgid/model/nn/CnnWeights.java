package io.github.ecgid.model.nn;

import io.github.ecgid.core.EcgModelException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * All parameters of a {@link LightweightCnn}: three convolutions with their batch normalisations and two dense
 * layers, in PyTorch's layouts ({@code Conv1d} weight {@code [out][in][k]}, {@code Linear} weight
 * {@code [out][in]}, both flattened row-major). Shapes are checked on construction, so every instance is a
 * usable network.
 *
 * <pre>
 * conv1 [32][1][7]  + bias [32]    bn1 [32]
 * conv2 [64][32][5] + bias [64]    bn2 [64]
 * conv3 [128][64][3]+ bias [128]   bn3 [128]
 * fc1   [64][128]   + bias [64]    (its ReLU output is the embedding)
 * fc2   [N][64]     + bias [N]     (logits)
 * </pre>
 *
 * <p>{@link #stateDict()} and {@link #fromStateDict(Map)} use PyTorch's {@code state_dict} names
 * ({@code conv1.weight}, {@code bn1.running_var}, {@code fc2.bias}, ...) for exchange with ONNX and PyTorch.
 *
 * @param conv1 Conv1d(1 → 32, k 7, pad 3)
 * @param bn1   BatchNorm over 32 channels
 * @param conv2 Conv1d(32 → 64, k 5, pad 2)
 * @param bn2   BatchNorm over 64 channels
 * @param conv3 Conv1d(64 → 128, k 3, pad 1)
 * @param bn3   BatchNorm over 128 channels
 * @param fc1   Dense(128 → 64)
 * @param fc2   Dense(64 → N), N ≥ 2 classes
 */
public record CnnWeights(Conv1dParams conv1, BatchNormParams bn1, Conv1dParams conv2, BatchNormParams bn2,
                         Conv1dParams conv3, BatchNormParams bn3, DenseParams fc1, DenseParams fc2) {

    /** Default seed for {@link #heInitialized(int, long)} and training. */
    public static final long DEFAULT_SEED = 42L;

    public CnnWeights {
        conv(conv1, "conv1", 32, 1, 7);
        bn(bn1, "bn1", 32);
        conv(conv2, "conv2", 64, 32, 5);
        bn(bn2, "bn2", 64);
        conv(conv3, "conv3", 128, 64, 3);
        bn(bn3, "bn3", 128);
        Objects.requireNonNull(fc1, "fc1");
        Objects.requireNonNull(fc2, "fc2");
        if (fc1.outFeatures() != LightweightCnn.EMBEDDING_SIZE || fc1.inFeatures() != 128) {
            throw new EcgModelException("fc1 must be Dense(128 -> 64), got Dense(" + fc1.inFeatures() + " -> "
                    + fc1.outFeatures() + ")");
        }
        if (fc2.inFeatures() != LightweightCnn.EMBEDDING_SIZE || fc2.outFeatures() < 2) {
            throw new EcgModelException("fc2 must be Dense(64 -> N) with N >= 2 classes, got Dense("
                    + fc2.inFeatures() + " -> " + fc2.outFeatures() + ")");
        }
    }

    private static void conv(Conv1dParams c, String name, int out, int in, int k) {
        Objects.requireNonNull(c, name);
        if (c.outChannels() != out || c.inChannels() != in || c.kernelSize() != k) {
            throw new EcgModelException(name + " must be Conv1d(" + in + " -> " + out + ", k=" + k + "), got Conv1d("
                    + c.inChannels() + " -> " + c.outChannels() + ", k=" + c.kernelSize() + ")");
        }
    }

    private static void bn(BatchNormParams b, String name, int channels) {
        Objects.requireNonNull(b, name);
        if (b.channels() != channels) {
            throw new EcgModelException(name + " must have " + channels + " channels, got " + b.channels());
        }
    }

    /** Number of output classes N. */
    public int numClasses() {
        return fc2.outFeatures();
    }

    /** Trainable parameters (44,358 for 6 classes); BatchNorm running statistics are not counted. */
    public int parameterCount() {
        return conv1.parameterCount() + bn1.parameterCount() + conv2.parameterCount() + bn2.parameterCount()
                + conv3.parameterCount() + bn3.parameterCount() + fc1.parameterCount() + fc2.parameterCount();
    }

    /**
     * Fresh weights: He-normal ({@code std = sqrt(2 / fanIn)}) for the layers followed by ReLU, LeCun-normal
     * ({@code std = sqrt(1 / fanIn)}) for the logits layer, zero biases, BatchNorm as PyTorch initialises it.
     */
    public static CnnWeights heInitialized(int numClasses, long seed) {
        if (numClasses < 2) {
            throw new EcgModelException("A classifier needs at least 2 classes, got " + numClasses);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        return new CnnWeights(
                new Conv1dParams(32, 1, 7, normal(rnd, 32 * 7, Math.sqrt(2.0 / 7)), new float[32]),
                BatchNormParams.initial(32),
                new Conv1dParams(64, 32, 5, normal(rnd, 64 * 32 * 5, Math.sqrt(2.0 / (32 * 5))), new float[64]),
                BatchNormParams.initial(64),
                new Conv1dParams(128, 64, 3, normal(rnd, 128 * 64 * 3, Math.sqrt(2.0 / (64 * 3))), new float[128]),
                BatchNormParams.initial(128),
                new DenseParams(64, 128, normal(rnd, 64 * 128, Math.sqrt(2.0 / 128)), new float[64]),
                new DenseParams(numClasses, 64, normal(rnd, numClasses * 64, Math.sqrt(1.0 / 64)),
                        new float[numClasses]));
    }

    private static float[] normal(SplittableRandom rnd, int n, double std) {
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = (float) (Gaussian.next(rnd) * std);
        }
        return w;
    }

    /**
     * The tensors under PyTorch's {@code state_dict} names, in network order, each a copy in the layout above:
     * {@code conv1.weight, conv1.bias, bn1.weight (gamma), bn1.bias (beta), bn1.running_mean, bn1.running_var,
     * ..., fc1.weight, fc1.bias, fc2.weight, fc2.bias}.
     */
    public Map<String, float[]> stateDict() {
        Map<String, float[]> m = new LinkedHashMap<>();
        putConv(m, "conv1", conv1);
        putBn(m, "bn1", bn1);
        putConv(m, "conv2", conv2);
        putBn(m, "bn2", bn2);
        putConv(m, "conv3", conv3);
        putBn(m, "bn3", bn3);
        m.put("fc1.weight", fc1.weight());
        m.put("fc1.bias", fc1.bias());
        m.put("fc2.weight", fc2.weight());
        m.put("fc2.bias", fc2.bias());
        return m;
    }

    private static void putConv(Map<String, float[]> m, String name, Conv1dParams c) {
        m.put(name + ".weight", c.weight());
        m.put(name + ".bias", c.bias());
    }

    private static void putBn(Map<String, float[]> m, String name, BatchNormParams b) {
        m.put(name + ".weight", b.gamma());
        m.put(name + ".bias", b.beta());
        m.put(name + ".running_mean", b.runningMean());
        m.put(name + ".running_var", b.runningVar());
    }

    /**
     * Builds weights from PyTorch {@code state_dict} names (see {@link #stateDict()}); the class count comes from
     * {@code fc2.bias}. BatchNorm eps is {@link BatchNormParams#DEFAULT_EPS}; a missing BatchNorm ({@code bnX.*}
     * all absent) becomes {@link BatchNormParams#identity(int)}, for networks with BatchNorm folded away.
     *
     * @throws EcgModelException naming the first missing or wrongly sized tensor
     */
    public static CnnWeights fromStateDict(Map<String, float[]> tensors) {
        float[] fc2Bias = tensor(tensors, "fc2.bias");
        int n = fc2Bias.length;
        return new CnnWeights(
                conv(tensors, "conv1", 32, 1, 7), bn(tensors, "bn1", 32),
                conv(tensors, "conv2", 64, 32, 5), bn(tensors, "bn2", 64),
                conv(tensors, "conv3", 128, 64, 3), bn(tensors, "bn3", 128),
                new DenseParams(64, 128, tensor(tensors, "fc1.weight"), tensor(tensors, "fc1.bias")),
                new DenseParams(n, 64, tensor(tensors, "fc2.weight"), fc2Bias));
    }

    private static float[] tensor(Map<String, float[]> m, String name) {
        float[] t = m.get(name);
        if (t == null) {
            throw new EcgModelException("Tensor '" + name + "' is missing; have " + m.keySet());
        }
        return t;
    }

    private static Conv1dParams conv(Map<String, float[]> m, String name, int out, int in, int k) {
        return new Conv1dParams(out, in, k, tensor(m, name + ".weight"), tensor(m, name + ".bias"));
    }

    private static BatchNormParams bn(Map<String, float[]> m, String name, int channels) {
        if (!m.containsKey(name + ".weight") && !m.containsKey(name + ".bias")
                && !m.containsKey(name + ".running_mean") && !m.containsKey(name + ".running_var")) {
            return BatchNormParams.identity(channels);
        }
        BatchNormParams b = new BatchNormParams(tensor(m, name + ".weight"), tensor(m, name + ".bias"),
                tensor(m, name + ".running_mean"), tensor(m, name + ".running_var"), BatchNormParams.DEFAULT_EPS);
        if (b.channels() != channels) {
            throw new EcgModelException(name + " must have " + channels + " channels, got " + b.channels());
        }
        return b;
    }
}
