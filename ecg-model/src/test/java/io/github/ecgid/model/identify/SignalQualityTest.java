package io.github.ecgid.model.identify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SignalQualityTest {

    @Test
    void refusesFewerThanThreeUsableBeatsHoweverFewWereFound() {
        assertThat(SignalQuality.assess(2, 2).tooNoisy()).isTrue();
        assertThat(SignalQuality.assess(3, 3).tooNoisy()).isFalse();
    }

    @Test
    void refusesWhenFewerThanHalfOfTheDetectedBeatsWereUsable() {
        assertThat(SignalQuality.assess(10, 4).tooNoisy()).isTrue();
        assertThat(SignalQuality.assess(10, 5).tooNoisy()).isFalse();
        assertThat(SignalQuality.assess(10, 4).reason()).contains("found 10 beats and 4 passed");
    }

    @Test
    void acceptanceNeverDependsOnMoreThanTheShareAndTheMinimum() {
        for (int detected = 0; detected <= 40; detected++) {
            for (int usable = 0; usable <= detected; usable++) {
                boolean expected = usable >= SignalQuality.MIN_USABLE_BEATS && 2 * usable >= detected;
                assertThat(SignalQuality.assess(detected, usable).tooNoisy()).as("%d of %d", usable, detected)
                        .isEqualTo(!expected);
            }
        }
    }

    @Test
    void beatsHandedOverAreNotAssessed() {
        SignalQuality q = SignalQuality.given(1);
        assertThat(q.tooNoisy()).isFalse();
        assertThat(q.usableShare()).isEqualTo(1.0);
    }

    @Test
    void aRefusedSignalCannotNameAPerson() {
        SignalQuality q = SignalQuality.assess(10, 1);
        assertThatThrownBy(() -> new Identification("alice", 0.9, 0.8, 1, Identification.Mode.OPEN_SET,
                java.util.List.of(), q)).isInstanceOf(IllegalArgumentException.class);
    }
}
