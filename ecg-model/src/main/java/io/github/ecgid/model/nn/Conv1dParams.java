package io.github.ecgid.model.nn;

import io.github.ecgid.core.EcgModelException;

import java.util.Arrays;
import java.util.Objects;

/**
 * Parameters of one 1-D convolution (stride 1, "same" zero padding of {@code kernelSize / 2}), in PyTorch's
 * {@code Conv1d} layout.
 *
 * @param outChannels output channels
 * @param inChannels  input channels
 * @param kernelSize  taps per kernel (odd)
 * @param weight      {@code weight[(o * inChannels + i) * kernelSize + k]}, i.e. PyTorch's {@code [out][in][k]}
 *                    flattened row-major; copied in and out
 * @param bias        {@code bias[o]}, length {@code outChannels}; copied in and out
 */
public record Conv1dParams(int outChannels, int inChannels, int kernelSize, float[] weight, float[] bias) {

    public Conv1dParams {
        if (outChannels <= 0 || inChannels <= 0 || kernelSize <= 0 || kernelSize % 2 == 0) {
            throw new EcgModelException("Conv1d needs positive channel counts and an odd kernel size, got out="
                    + outChannels + " in=" + inChannels + " k=" + kernelSize);
        }
        weight = Shapes.checked(weight, outChannels * inChannels * kernelSize,
                "Conv1d weight [" + outChannels + "][" + inChannels + "][" + kernelSize + "]");
        bias = Shapes.checked(bias, outChannels, "Conv1d bias [" + outChannels + "]");
    }

    /** A copy of the weights, layout {@code [out][in][k]} row-major. */
    @Override
    public float[] weight() {
        return weight.clone();
    }

    /** A copy of the bias. */
    @Override
    public float[] bias() {
        return bias.clone();
    }

    /** Zero padding on each side of the input: {@code kernelSize / 2}. */
    public int padding() {
        return kernelSize / 2;
    }

    /** Trainable parameters: weights plus biases. */
    public int parameterCount() {
        return weight.length + bias.length;
    }

    float[] weightView() {
        return weight;
    }

    float[] biasView() {
        return bias;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Conv1dParams p && p.outChannels == outChannels && p.inChannels == inChannels
                && p.kernelSize == kernelSize && Arrays.equals(p.weight, weight) && Arrays.equals(p.bias, bias);
    }

    @Override
    public int hashCode() {
        return Objects.hash(outChannels, inChannels, kernelSize, Arrays.hashCode(weight), Arrays.hashCode(bias));
    }

    @Override
    public String toString() {
        return "Conv1dParams[" + outChannels + "x" + inChannels + "x" + kernelSize + "]";
    }
}
