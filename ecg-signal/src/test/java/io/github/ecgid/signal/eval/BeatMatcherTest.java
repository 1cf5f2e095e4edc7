package io.github.ecgid.signal.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BeatMatcherTest {

    @Test
    void countsMatchesMissesAndExtrasWithinTheTolerance() {
        long[] ref = {100, 400, 700, 1000};
        int[] det = {105, 380, 760, 1000, 1300};

        DetectionScore s = BeatMatcher.match(ref, det, 20);

        // 105~100, 380~400, 1000~1000; 760 is 60 away from 700 (FP) and 700 is missed (FN); 1300 is FP
        assertThat(s).isEqualTo(new DetectionScore(3, 2, 1));
        assertThat(s.sensitivity()).isCloseTo(0.75, within(1e-12));
        assertThat(s.positivePredictivity()).isCloseTo(0.6, within(1e-12));
        assertThat(s.f1()).isCloseTo(6.0 / 9.0, within(1e-12));
    }

    @Test
    void eachReferenceBeatTakesAtMostOneDetection() {
        DetectionScore s = BeatMatcher.match(new long[] {500}, new int[] {490, 500, 510}, 20);

        assertThat(s).isEqualTo(new DetectionScore(1, 2, 0));
    }

    @Test
    void theCloserOfTwoCandidateDetectionsIsPaired() {
        // 480 is within tolerance of 500 but 498 is closer; 480 must not steal the match
        DetectionScore s = BeatMatcher.match(new long[] {500, 900}, new int[] {480, 498, 905}, 25);

        assertThat(s).isEqualTo(new DetectionScore(2, 1, 0));
    }

    @Test
    void toleranceIsConvertedDownToWholeSamples() {
        assertThat(BeatMatcher.toleranceSamples(150, 360)).isEqualTo(54);
        assertThat(BeatMatcher.toleranceSamples(50, 360)).isEqualTo(18);
        assertThat(BeatMatcher.toleranceSamples(150, 250)).isEqualTo(37);
    }

    @Test
    void emptyInputsGivePerfectRatesByConvention() {
        DetectionScore s = BeatMatcher.match(new long[0], new int[0], 10);

        assertThat(s.f1()).isEqualTo(1.0);
        assertThat(BeatMatcher.match(new long[] {5}, new int[0], 10).sensitivity()).isZero();
    }

    @Test
    void unsortedInputIsRejected() {
        assertThatThrownBy(() -> BeatMatcher.match(new long[] {5, 3}, new int[0], 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ascending");
    }
}
