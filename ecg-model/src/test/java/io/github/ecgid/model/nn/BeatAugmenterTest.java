package io.github.ecgid.model.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BeatAugmenterTest {

    /** A z-scored beat with a sharp R at sample 62 and a T wave at sample 130. */
    private static float[] beat() {
        float[] b = new float[175];
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) (3 * Math.exp(-Math.pow(i - 62, 2) / 8.0) + Math.exp(-Math.pow(i - 130, 2) / 120.0));
        }
        double mean = 0;
        for (float v : b) {
            mean += v;
        }
        mean /= b.length;
        double var = 0;
        for (float v : b) {
            var += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(var / b.length);
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) ((b[i] - mean) / sd);
        }
        return b;
    }

    private static TrainingSet twoBeats() {
        return TrainingSet.of(new float[][] {beat(), beat()}, new int[] {0, 1}, List.of("a", "b"));
    }

    @Test
    void keepsTheOriginalsFirstAndTheLabelsOfEveryCopy() {
        TrainingSet out = BeatAugmenter.defaults().augment(twoBeats(), 3, 1);
        assertThat(out.size()).isEqualTo(8);
        assertThat(out.beat(0)).containsExactly(beat());
        assertThat(out.labels()).containsExactly(0, 1, 0, 1, 0, 1, 0, 1);
    }

    @Test
    void copiesAreZScoredAndKeepTheRPeakWithinTheShift() {
        BeatAugmenter aug = BeatAugmenter.defaults();
        Random r = new Random(3);
        for (int k = 0; k < 200; k++) {
            float[] c = aug.augmentOne(beat(), r);
            double mean = 0;
            double sq = 0;
            int argmax = 0;
            for (int i = 0; i < c.length; i++) {
                mean += c[i];
                sq += c[i] * c[i];
                argmax = c[i] > c[argmax] ? i : argmax;
            }
            assertThat(mean / c.length).isCloseTo(0, within(1e-5));
            assertThat(sq / c.length).isCloseTo(1, within(1e-4));
            assertThat(argmax).isBetween(62 - 3, 62 + 3);
        }
    }

    @Test
    void copiesDifferFromTheOriginalButTheSameSeedGivesTheSameCopies() {
        TrainingSet a = BeatAugmenter.defaults().augment(twoBeats(), 1, 9);
        TrainingSet b = BeatAugmenter.defaults().augment(twoBeats(), 1, 9);
        assertThat(a.beat(2)).containsExactly(b.beat(2));
        assertThat(a.beat(2)).isNotEqualTo(a.beat(0));
    }

    /** Height of the QRS peak over the T peak, both above the beat's start (outside both scaled windows). */
    private static double qrsOverT(float[] b) {
        return (b[62] - b[0]) / (b[130] - b[0]);
    }

    @Test
    void waveAmplitudeCopiesChangeTheQrsAgainstTheTWaveWithinTheirRange() {
        BeatAugmenter aug = BeatAugmenter.waveAmplitudes(0.3, 0.3);
        double original = qrsOverT(beat());
        Random r = new Random(5);
        double lowest = Double.MAX_VALUE;
        double highest = 0;
        for (int k = 0; k < 300; k++) {
            double ratio = qrsOverT(aug.augmentOne(beat(), r)) / original;
            lowest = Math.min(lowest, ratio);
            highest = Math.max(highest, ratio);
        }
        // each wave moves by at most e^0.3, so their ratio by at most e^0.6 (a little more: scaled about the mean)
        assertThat(lowest).isBetween(Math.exp(-0.6) - 0.05, 0.8);
        assertThat(highest).isBetween(1.25, Math.exp(0.6) + 0.05);
    }

    @Test
    void waveAmplitudeCopiesKeepTheTimingAndAreZScored() {
        BeatAugmenter aug = BeatAugmenter.waveAmplitudes(0.3, 0.3);
        Random r = new Random(6);
        for (int k = 0; k < 100; k++) {
            float[] c = aug.augmentOne(beat(), r);
            int argmax = 0;
            double mean = 0;
            for (int i = 0; i < c.length; i++) {
                argmax = c[i] > c[argmax] ? i : argmax;
                mean += c[i];
            }
            assertThat(argmax).isEqualTo(62);
            assertThat(mean / c.length).isCloseTo(0, within(1e-5));
        }
    }

    @Test
    void shapeAugmentationLeavesTheWaveAmplitudesAlone() {
        assertThat(BeatAugmenter.defaults().qrsLogGain()).isZero();
        assertThat(BeatAugmenter.defaults().tWaveLogGain()).isZero();
        assertThat(BeatAugmenter.waveAmplitudes(0.3, 0.2).warp()).isZero();
    }

    @Test
    void aLogGainOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> BeatAugmenter.waveAmplitudes(1.5, 0.3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("QRS log gain 1.5");
        assertThatThrownBy(() -> BeatAugmenter.waveAmplitudes(0.3, -0.1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("T-wave log gain -0.1");
    }
}
