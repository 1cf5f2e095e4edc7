package io.github.ecgid.model.identify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.ecgid.core.EcgModelException;
import io.github.ecgid.model.math.Embeddings;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PersonTemplateTest {
    private static final int DIM = 16;

    /** {@code count} unit vectors scattered (spread {@code noise}) around the unit vector {@code centre}. */
    private static float[][] around(float[] centre, int count, double noise, Random r) {
        float[][] rows = new float[count][DIM];
        for (int i = 0; i < count; i++) {
            for (int d = 0; d < DIM; d++) {
                rows[i][d] = (float) (centre[d] + noise * r.nextGaussian());
            }
            rows[i] = Embeddings.unit(rows[i]);
        }
        return rows;
    }

    private static float[] axis(int d) {
        float[] v = new float[DIM];
        v[d] = 1;
        return v;
    }

    private static float[][] concat(float[][] a, float[][] b) {
        float[][] out = new float[a.length + b.length][];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void anEnrollmentWithTwoBeatShapesMatchesEachShapeAsWellAsAOneShapeEnrollment() {
        Random r = new Random(5);
        // sinus beats and, a quarter of the time, ectopic beats of another shape
        float[][] beats = concat(around(axis(0), 60, 0.05, r), around(axis(1), 20, 0.05, r));
        PersonTemplate t = PersonTemplate.fromEmbeddings("p", beats);
        float[] ectopic = around(axis(1), 1, 0.05, r)[0];
        assertThat(t.score(ectopic)).isGreaterThan(0.95);
        assertThat(Embeddings.dot(ectopic, t.centroid())).isLessThan(0.5);
        assertThat(t.score(axis(0))).isGreaterThan(0.95);
        assertThat(t.score(axis(2))).isLessThan(0.3);
    }

    @Test
    void keepsOneModePerFifteenBeatsAtMostSixtyFour() {
        Random r = new Random(9);
        assertThat(PersonTemplate.fromEmbeddings("p", around(axis(0), 29, 0.3, r)).modeCount()).isEqualTo(1);
        assertThat(PersonTemplate.fromEmbeddings("p", around(axis(0), 30, 0.3, r)).modeCount()).isEqualTo(2);
        assertThat(PersonTemplate.fromEmbeddings("p", around(axis(0), 2000, 0.3, r)).modeCount())
                .isEqualTo(PersonTemplate.MAX_MODES);
    }

    @Test
    void aTemplateWithOneModeScoresByItsCentroid() {
        Random r = new Random(2);
        PersonTemplate t = PersonTemplate.fromEmbeddings("p", around(axis(3), 8, 0.2, r));
        float[] probe = around(axis(3), 1, 0.5, r)[0];
        assertThat(t.score(probe)).isCloseTo(Embeddings.dot(probe, t.centroid()), within(1e-12));
    }

    @Test
    void theSameEnrollmentAlwaysGivesTheSameTemplate() {
        float[][] beats = concat(around(axis(0), 70, 0.2, new Random(4)), around(axis(5), 30, 0.2, new Random(6)));
        assertThat(PersonTemplate.fromEmbeddings("p", beats)).isEqualTo(PersonTemplate.fromEmbeddings("p", beats));
    }

    @Test
    void identicalBeatsGiveOneModeNotEmptyOnes() {
        float[][] beats = new float[40][];
        for (int i = 0; i < beats.length; i++) {
            beats[i] = axis(1);
        }
        PersonTemplate t = PersonTemplate.fromEmbeddings("p", beats);
        assertThat(t.modeCount()).isEqualTo(1);
        assertThat(t.score(axis(1))).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void adaptationMovesOnlyTheNearestModeTowardsTheProbe() {
        Random r = new Random(8);
        PersonTemplate t = PersonTemplate.fromEmbeddings("p",
                concat(around(axis(0), 45, 0.05, r), around(axis(1), 45, 0.05, r)));
        float[] probe = new float[DIM];
        probe[0] = 0.8f;
        probe[2] = 0.6f; // the first shape, changed
        PersonTemplate moved = t.adaptedTowards(probe, 0.5);
        assertThat(moved.score(probe)).isGreaterThan(t.score(probe));
        assertThat(moved.score(axis(1))).isCloseTo(t.score(axis(1)), within(1e-9));
        assertThat(moved.centroid()).isEqualTo(t.centroid());
        assertThat(moved.modeCount()).isEqualTo(t.modeCount());
        assertThat(t.adaptedTowards(probe, 1).score(probe)).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void refusesAnAdaptationRateOutsideZeroToOne() {
        PersonTemplate t = PersonTemplate.ofCentroid("p", axis(0), 1, 5);
        assertThatThrownBy(() -> t.adaptedTowards(axis(1), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> t.adaptedTowards(axis(1), 1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesModesOfAnotherDimensionThanTheCentroid() {
        assertThatThrownBy(() -> new PersonTemplate("p", axis(0), new float[][] {{1, 0}}, 1, 5))
                .isInstanceOf(EcgModelException.class).hasMessageContaining("dimension 2")
                .hasMessageContaining("'p'");
    }

    @Test
    void refusesAProbeOfAnotherDimension() {
        PersonTemplate t = PersonTemplate.ofCentroid("p", axis(0), 1, 5);
        assertThatThrownBy(() -> t.score(new float[3])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dimension 3");
    }
}
