package io.github.ecgid.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {

    @Test
    void perfectPredictionsScoreOneEverywhere() {
        ClassificationMetrics m = ClassificationMetrics.of(new int[] {0, 1, 2, 2}, new int[] {0, 1, 2, 2}, 3);
        assertThat(m.accuracy()).isEqualTo(1.0);
        assertThat(m.precision()).isEqualTo(1.0);
        assertThat(m.recall()).isEqualTo(1.0);
        assertThat(m.f1()).isEqualTo(1.0);
        assertThat(m.specificity()).isEqualTo(1.0);
        assertThat(m.confusion()).isDeepEqualTo(new int[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 2}});
    }

    @Test
    void weightedAveragesMatchScikitLearnOnAHandWorkedCase() {
        // truth: 0 0 0 1 1 2 ; predicted: 0 0 1 1 2 2
        // class 0: P 1, R 2/3, F1 0.8, support 3 ; class 1: P 1/2, R 1/2, F1 1/2, support 2
        // class 2: P 1/2, R 1, F1 2/3, support 1   (sklearn: weighted P 0.75, R 0.6667, F1 0.7444)
        ClassificationMetrics m = ClassificationMetrics.of(new int[] {0, 0, 0, 1, 1, 2},
                new int[] {0, 0, 1, 1, 2, 2}, 3);
        assertThat(m.accuracy()).isCloseTo(4.0 / 6, within(1e-12));
        assertThat(m.precision()).isCloseTo(0.75, within(1e-12));
        assertThat(m.recall()).isCloseTo(4.0 / 6, within(1e-12));
        assertThat(m.f1()).isCloseTo((3 * 0.8 + 2 * 0.5 + 1 * (2.0 / 3)) / 6, within(1e-12));
        // specificities: class0 3/3, class1 3/4, class2 4/5
        assertThat(m.specificity()).isCloseTo((1 + 0.75 + 0.8) / 3, within(1e-12));
    }

    @Test
    void rejectsLabelsOutsideTheClassRange() {
        assertThatThrownBy(() -> ClassificationMetrics.of(new int[] {0, 3}, new int[] {0, 0}, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truth[1] = 3");
    }
}
