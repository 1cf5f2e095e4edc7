package io.github.ecgid.model.nn;

import static org.assertj.core.api.Assertions.assertThat;
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
}
