package io.github.ecgid.model.nn;

import io.github.ecgid.core.EcgModelException;

import java.util.Arrays;
import java.util.Objects;

/**
 * Parameters of one fully connected layer {@code y = W x + b}, in PyTorch's {@code Linear} layout.
 *
 * @param outFeatures output size
 * @param inFeatures  input size
 * @param weight      {@code weight[o * inFeatures + i]}, i.e. PyTorch's {@code [out][in]} row-major (ONNX
 *                    {@code Gemm} with {@code transB=1}); copied in and out
 * @param bias        {@code bias[o]}; copied in and out
 */
public record DenseParams(int outFeatures, int inFeatures, float[] weight, float[] bias) {

    public DenseParams {
        if (outFeatures <= 0 || inFeatures <= 0) {
            throw new EcgModelException("Dense layer needs positive sizes, got out=" + outFeatures + " in="
                    + inFeatures);
        }
        weight = Shapes.checked(weight, outFeatures * inFeatures,
                "Dense weight [" + outFeatures + "][" + inFeatures + "]");
        bias = Shapes.checked(bias, outFeatures, "Dense bias [" + outFeatures + "]");
    }

    @Override
    public float[] weight() {
        return weight.clone();
    }

    @Override
    public float[] bias() {
        return bias.clone();
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
        return o instanceof DenseParams p && p.outFeatures == outFeatures && p.inFeatures == inFeatures
                && Arrays.equals(p.weight, weight) && Arrays.equals(p.bias, bias);
    }

    @Override
    public int hashCode() {
        return Objects.hash(outFeatures, inFeatures, Arrays.hashCode(weight), Arrays.hashCode(bias));
    }

    @Override
    public String toString() {
        return "DenseParams[" + outFeatures + "x" + inFeatures + "]";
    }
}
