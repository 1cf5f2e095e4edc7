package io.github.ecgid.signal.beat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BeatsTest {
    private static final int LEN = 175;

    /** A QRS-like spike with a T wave, shifted by {@code jitter} samples. */
    private static float[] beat(Random rnd, double noise) {
        float[] b = new float[LEN];
        for (int k = 0; k < LEN; k++) {
            double qrs = Math.exp(-Math.pow((k - 62) / 4.0, 2)) * 5;
            double t = Math.exp(-Math.pow((k - 120) / 12.0, 2)) * 1.2;
            b[k] = (float) (qrs + t + noise * rnd.nextGaussian());
        }
        return b;
    }

    @Test
    void beatsOfOneShapeMatchTheirTemplateAndANoiseBurstDoesNot() {
        Random rnd = new Random(1);
        float[][] beats = new float[11][];
        for (int i = 0; i < beats.length; i++) {
            beats[i] = beat(rnd, 0.05);
        }
        for (int k = 0; k < LEN; k++) {
            beats[5][k] = (float) (3 * rnd.nextGaussian()); // what a detector takes for a beat in muscle noise
        }

        double[] q = Beats.templateCorrelation(beats);

        for (int i = 0; i < beats.length; i++) {
            if (i != 5) {
                assertThat(q[i]).as("beat %d", i).isGreaterThan(0.99);
            }
        }
        assertThat(q[5]).isLessThan(0.5);
    }

    @Test
    void aBeatsQualityDoesNotDependOnItsScaleOrOffset() {
        Random rnd = new Random(2);
        float[][] beats = new float[9][];
        for (int i = 0; i < beats.length; i++) {
            beats[i] = beat(rnd, 0.2);
        }
        double before = Beats.templateCorrelation(beats)[0];
        for (int k = 0; k < LEN; k++) {
            beats[0][k] = 3 * beats[0][k] + 2; // the median of nine barely moves
        }

        assertThat(Beats.templateCorrelation(beats)[0]).isCloseTo(before, within(0.01));
    }

    @Test
    void aFlatBeatHasNoQualityAndNoBeatsNoScores() {
        float[][] beats = {beat(new Random(3), 0), new float[LEN], beat(new Random(4), 0)};

        assertThat(Beats.templateCorrelation(beats)[1]).isNaN();
        assertThat(Beats.templateCorrelation(new float[0][])).isEmpty();
    }
}
