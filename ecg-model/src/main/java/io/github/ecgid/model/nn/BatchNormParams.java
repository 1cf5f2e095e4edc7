package io.github.ecgid.model.nn;

import io.github.ecgid.core.EcgModelException;

import java.util.Arrays;
import java.util.Objects;

/**
 * Parameters of one 1-D batch normalisation over channels, in PyTorch's {@code BatchNorm1d} terms. In eval
 * mode a channel {@code c} maps {@code x} to {@code gamma[c] * (x - runningMean[c]) / sqrt(runningVar[c] + eps)
 * + beta[c]}. Only {@code gamma} and {@code beta} are trainable; the running statistics are buffers.
 *
 * <p>A network whose batch normalisation was already folded into the preceding convolution (as
 * {@code torch.onnx.export} does) uses {@link #identity(int)}, which is exact: scale 1, shift 0.
 *
 * @param gamma       scale per channel; copied in and out
 * @param beta        shift per channel; copied in and out
 * @param runningMean running mean per channel; copied in and out
 * @param runningVar  running (unbiased) variance per channel, {@code >= 0}; copied in and out
 * @param eps         added to the variance, {@code >= 0} (PyTorch default {@code 1e-5})
 */
public record BatchNormParams(float[] gamma, float[] beta, float[] runningMean, float[] runningVar, float eps) {

    /** PyTorch's default epsilon. */
    public static final float DEFAULT_EPS = 1e-5f;

    public BatchNormParams {
        Objects.requireNonNull(gamma, "gamma");
        int c = gamma.length;
        gamma = Shapes.checked(gamma, c, "BatchNorm gamma [" + c + "]");
        beta = Shapes.checked(beta, c, "BatchNorm beta [" + c + "]");
        runningMean = Shapes.checked(runningMean, c, "BatchNorm running mean [" + c + "]");
        runningVar = Shapes.checked(runningVar, c, "BatchNorm running variance [" + c + "]");
        if (!(eps >= 0) || Float.isInfinite(eps)) {
            throw new EcgModelException("BatchNorm eps must be finite and >= 0, got " + eps);
        }
        for (int i = 0; i < c; i++) {
            if (runningVar[i] < 0 || runningVar[i] + eps <= 0) {
                throw new EcgModelException("BatchNorm running variance of channel " + i + " is " + runningVar[i]
                        + " with eps " + eps + "; variance + eps must be > 0");
            }
        }
    }

    /** Fresh statistics as PyTorch initialises them: gamma 1, beta 0, mean 0, variance 1, eps 1e-5. */
    public static BatchNormParams initial(int channels) {
        float[] ones = new float[channels];
        Arrays.fill(ones, 1f);
        return new BatchNormParams(ones, new float[channels], new float[channels], ones, DEFAULT_EPS);
    }

    /** The exact identity (gamma 1, beta 0, mean 0, variance 1, eps 0), for networks with BN already folded. */
    public static BatchNormParams identity(int channels) {
        float[] ones = new float[channels];
        Arrays.fill(ones, 1f);
        return new BatchNormParams(ones, new float[channels], new float[channels], ones, 0f);
    }

    /** Number of channels. */
    public int channels() {
        return gamma.length;
    }

    /** Trainable parameters: gamma plus beta. */
    public int parameterCount() {
        return 2 * gamma.length;
    }

    @Override
    public float[] gamma() {
        return gamma.clone();
    }

    @Override
    public float[] beta() {
        return beta.clone();
    }

    @Override
    public float[] runningMean() {
        return runningMean.clone();
    }

    @Override
    public float[] runningVar() {
        return runningVar.clone();
    }

    /** Eval-mode scale per channel, {@code gamma / sqrt(var + eps)}, computed in double. */
    double scale(int c) {
        return gamma[c] / Math.sqrt((double) runningVar[c] + eps);
    }

    /** Eval-mode shift per channel, {@code beta - mean * scale}, computed in double. */
    double shift(int c) {
        return beta[c] - runningMean[c] * scale(c);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BatchNormParams p && Arrays.equals(p.gamma, gamma) && Arrays.equals(p.beta, beta)
                && Arrays.equals(p.runningMean, runningMean) && Arrays.equals(p.runningVar, runningVar)
                && Float.compare(p.eps, eps) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(gamma), Arrays.hashCode(beta), Arrays.hashCode(runningMean),
                Arrays.hashCode(runningVar), eps);
    }

    @Override
    public String toString() {
        return "BatchNormParams[" + gamma.length + ", eps=" + eps + "]";
    }
}
