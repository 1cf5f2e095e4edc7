package io.github.ecgid.model.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The cosine margin head (CosFace, {@link TrainingOptions#marginScale()}): central finite differences against
 * the analytic gradient through the normalisation of embeddings and class weights, and the properties that the
 * margin only enters the loss.
 */
class MarginGradientCheckTest {

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
        net.marginScale = 16;
        net.margin = 0.3;
        SplittableRandom rnd = new SplittableRandom(13);
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

    @ParameterizedTest(name = "{0}")
    @CsvSource({"fc2.weight, 43968, 44224", "fc1.weight, 35712, 43904", "fc1.bias, 43904, 43968",
        "bn3.gamma, 35456, 35584", "conv2.weight, 320, 10560"})
    void analyticGradientMatchesFiniteDifferences(String tensor, int from, int to) {
        double largest = FiniteDifferences.assertGradientMatches(net, beats, labels, BATCH, dropout, tensor, from, to);
        assertThat(largest).as("%s has a gradient", tensor).isGreaterThan(1e-8);
    }

    @Test
    void lastLayerBiasIsUnusedAndGetsNoGradient() {
        net.trainStep(beats, labels, BATCH, dropout, analytic);
        for (int i = net.fc2B; i < net.size; i++) {
            assertThat(analytic[i]).isZero();
        }
    }

    @Test
    void logitsAreScaledCosinesAndTheMarginRaisesOnlyTheLoss() {
        float[] logits = new float[BATCH * CLASSES];
        double withMargin = net.forward(beats, labels, BATCH, false, logits, null);
        for (float l : logits) {
            assertThat(Math.abs(l)).isLessThanOrEqualTo(16f + 1e-4f);
        }
        net.margin = 0;
        float[] plain = new float[BATCH * CLASSES];
        double without = net.forward(beats, labels, BATCH, false, plain, null);
        assertThat(plain).containsExactly(logits);
        assertThat(withMargin).isGreaterThan(without);
    }

    @Test
    void scaleZeroIsThePlainSoftmaxHead() {
        net.marginScale = 0;
        net.trainStep(beats, labels, BATCH, dropout, analytic);
        assertThat(analytic[net.fc2B]).isNotZero();
    }
}
