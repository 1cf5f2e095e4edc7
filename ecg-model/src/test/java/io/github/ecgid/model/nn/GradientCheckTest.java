package io.github.ecgid.model.nn;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Central finite differences (double precision) against the analytic gradient of every parameter tensor. Each
 * tensor's gradient flows back through every layer above it, so together they check the backward pass of every
 * layer: dense, dropout, ReLU, global average pool, BatchNorm (batch statistics), max-pool, convolution.
 */
class GradientCheckTest {

    private static final int CLASSES = 4;
    private static final int BATCH = 5;

    private TrainingNet net;
    private float[] beats;
    private int[] labels;
    private float[] dropout;
    private double[] analytic;

    @BeforeEach
    void setUp() {
        net = new TrainingNet(CLASSES, BATCH, 1);
        net.load(CnnWeights.heInitialized(CLASSES, 5));
        SplittableRandom rnd = new SplittableRandom(11);
        // Non-trivial BatchNorm affine parameters and biases so their gradients are exercised away from 1 and 0.
        for (int i = 0; i < net.size; i++) {
            if (isBiasOrBn(i)) {
                net.params[i] = 0.5 * (rnd.nextDouble() - 0.5) + (isGamma(i) ? 1 : 0);
            }
        }
        beats = new float[BATCH * 175];
        for (int i = 0; i < beats.length; i++) {
            beats[i] = (float) Gaussian.next(rnd);
        }
        labels = new int[] {0, 1, 2, 3, 1};
        dropout = new float[BATCH * 64];
        for (int i = 0; i < dropout.length; i++) {
            dropout[i] = rnd.nextDouble() < 0.3 ? 0f : (float) (1 / 0.7);
        }
        analytic = new double[net.size];
    }

    @AfterEach
    void tearDown() {
        net.close();
    }

    private static boolean isGamma(int i) {
        return (i >= TrainingNet.BN1_G && i < TrainingNet.BN1_B) || (i >= TrainingNet.BN2_G && i < TrainingNet.BN2_B)
                || (i >= TrainingNet.BN3_G && i < TrainingNet.BN3_B);
    }

    private boolean isBiasOrBn(int i) {
        return (i >= TrainingNet.CONV1_B && i < TrainingNet.CONV2_W) || (i >= TrainingNet.CONV2_B && i < TrainingNet.CONV3_W)
                || (i >= TrainingNet.CONV3_B && i < TrainingNet.FC1_W) || (i >= TrainingNet.FC1_B && i < TrainingNet.FC2_W)
                || i >= net.fc2B;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "conv1.weight, 0, 224", "conv1.bias, 224, 256", "bn1.gamma, 256, 288", "bn1.beta, 288, 320",
        "conv2.weight, 320, 10560", "conv2.bias, 10560, 10624", "bn2.gamma, 10624, 10688", "bn2.beta, 10688, 10752",
        "conv3.weight, 10752, 35328", "conv3.bias, 35328, 35456", "bn3.gamma, 35456, 35584",
        "bn3.beta, 35584, 35712", "fc1.weight, 35712, 43904", "fc1.bias, 43904, 43968", "fc2.weight, 43968, 44224",
        "fc2.bias, 44224, 44228"})
    void analyticGradientMatchesFiniteDifferences(String tensor, int from, int to) {
        assertThat(net.size).isEqualTo(44228);
        checkTensor(tensor, from, to);
    }

    @Test
    void gradientWithLabelSmoothingAndClassWeightsMatchesFiniteDifferences() {
        net.labelSmoothing = 0.1;
        net.classWeights = new double[] {0.5, 2.0, 1.0, 1.5};
        checkTensor("fc2.weight", TrainingNet.FC2_W, net.fc2B);
        checkTensor("conv2.weight", TrainingNet.CONV2_W, TrainingNet.CONV2_B);
    }

    @Test
    void convolutionBiasesBeforeBatchNormHaveZeroGradient() {
        // BatchNorm subtracts the batch mean, so a per-channel bias before it cannot change the loss.
        net.trainStep(beats, labels, BATCH, dropout, analytic);
        for (int i = TrainingNet.CONV2_B; i < TrainingNet.BN2_G; i++) {
            assertThat(Math.abs(analytic[i])).isLessThan(1e-12);
        }
    }

    private void checkTensor(String tensor, int from, int to) {
        FiniteDifferences.assertGradientMatches(net, beats, labels, BATCH, dropout, tensor, from, to);
    }
}
