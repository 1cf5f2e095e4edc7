package io.github.ecgid.device.ads1292r;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AdcScaleTest {

    @Test
    void originConstantsGiveTheOriginsMillivoltsPerCount() {
        // 2 * 2.42 V * 1000 / (6 * 2^24)
        assertThat(AdcScale.ORIGIN.mvPerCount()).isCloseTo(4.84e3 / (6 * 16_777_216.0), within(1e-18));
        assertThat(AdcScale.ORIGIN.toMv(1_000_000)).isCloseTo(48.0811, within(1e-4));
    }

    @Test
    void codeAndMillivoltsRoundTripExactlyForEveryCodeMagnitude() {
        for (int code : new int[] {AdcScale.MIN_CODE, -123_456, -1, 0, 1, 777, AdcScale.MAX_CODE}) {
            assertThat(AdcScale.ORIGIN.toCode(AdcScale.ORIGIN.toMv(code))).isEqualTo(code);
        }
    }

    @Test
    void clipsMillivoltsBeyondTheAdcRangeLikeASaturatedAdc() {
        assertThat(AdcScale.ORIGIN.toCode(1e6)).isEqualTo(AdcScale.MAX_CODE);
        assertThat(AdcScale.ORIGIN.toCode(-1e6)).isEqualTo(AdcScale.MIN_CODE);
    }

    @Test
    void rejectsNonPositiveGainOrReference() {
        assertThatThrownBy(() -> new AdcScale(0, 2.42)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gain");
        assertThatThrownBy(() -> new AdcScale(6, Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vrefVolts");
    }
}
