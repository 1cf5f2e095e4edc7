package io.github.ecgid.signal.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BeatAgreementTest {

    @Test
    void identicalDetectionsAgreeFully() {
        int[] a = {100, 900, 1700, 2500};

        BeatAgreement q = BeatAgreement.of(a, a.clone(), 1000, 3000, 1, 150);

        assertThat(q.overall()).isEqualTo(1.0);
        assertThat(q.agreed()).containsOnly(true);
        assertThat(q.windows()).containsExactly(1.0, 1.0, 1.0);
        assertThat(q.agreedFraction()).isEqualTo(1.0);
    }

    @Test
    void bsqiIsMatchedOverAllBeatsEitherFoundPerWindowAndOverall() {
        int[] a = {100, 500, 900};
        int[] b = {102, 700, 903}; // 500 and 700 are 200 ms apart: no match

        BeatAgreement q = BeatAgreement.of(a, b, 1000, 2000, 1, 150);

        assertThat(q.agreed()).containsExactly(true, false, true);
        assertThat(q.overall()).isEqualTo(2.0 / 4.0);
        assertThat(q.windows()[0]).isEqualTo(0.5);
        assertThat(q.windows()[1]).isNaN();
        assertThat(q.minWindow()).isEqualTo(0.5);
        assertThat(q.fractionBelow(0.9)).isEqualTo(1.0);
    }

    @Test
    void eachBeatOfTheOtherDetectorConfirmsAtMostOneBeat() {
        BeatAgreement q = BeatAgreement.of(new int[] {100, 110}, new int[] {105}, 1000, 1000, 1, 150);

        assertThat(q.agreed()).containsExactly(true, false);
        assertThat(q.overall()).isEqualTo(0.5);
    }

    @Test
    void noBeatsAtAllIsUndefinedNotPerfect() {
        BeatAgreement q = BeatAgreement.of(new int[0], new int[0], 250, 2500, 10, 150);

        assertThat(q.overall()).isNaN();
        assertThat(q.minWindow()).isNaN();
        assertThat(q.agreedFraction()).isNaN();
    }

    @Test
    void badArgumentsAreRefused() {
        assertThatThrownBy(() -> BeatAgreement.of(new int[0], new int[0], 0, 10, 10, 150))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0.0 Hz");
    }
}
