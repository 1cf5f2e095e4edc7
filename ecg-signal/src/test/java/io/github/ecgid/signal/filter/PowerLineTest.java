package io.github.ecgid.signal.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ecgid.core.EcgSignalException;
import io.github.ecgid.signal.beat.BeatPipeline;
import org.junit.jupiter.api.Test;

class PowerLineTest {
    @Test
    void acceptsTheTwoMainsFrequencies() {
        assertThat(PowerLine.requireSupported(50)).isEqualTo(50);
        assertThat(PowerLine.requireSupported(60)).isEqualTo(60);
    }

    @Test
    void refusesAnyOtherFrequencyNamingTheValue() {
        for (double hz : new double[] {0, 49.9, 55, 100, Double.NaN}) {
            assertThat(PowerLine.isSupported(hz)).isFalse();
            assertThatThrownBy(() -> PowerLine.requireSupported(hz)).isInstanceOf(EcgSignalException.class)
                    .hasMessageContaining("50 or 60 Hz, got " + hz);
        }
    }

    @Test
    void beatPipelineRefusesAPowerLineItCannotNotch() {
        assertThatThrownBy(() -> new BeatPipeline(250, 55, "pan-tompkins", true))
                .isInstanceOf(EcgSignalException.class).hasMessageContaining("got 55.0");
        assertThat(new BeatPipeline(250, 60, "pan-tompkins", true).powerLineHz()).isEqualTo(60);
    }
}
