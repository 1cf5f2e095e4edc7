package io.github.ecgid.signal.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DetectorTest {

    @Test
    void eachDetectorIsFoundByTheLabelItsInstancesReport() {
        for (Detector d : Detector.values()) {
            assertThat(Detector.of(d.label())).isEqualTo(d);
            assertThat(d.create().name()).isEqualTo(d.label());
            assertThat(RPeakDetectors.byName(d.label()).name()).isEqualTo(d.label());
        }
    }

    @Test
    void labelsAreReadCaseInsensitivelyWithTheOldSpellingsOfPanTompkins() {
        assertThat(Detector.of(" Pan-Tompkins ")).isEqualTo(Detector.PAN_TOMPKINS);
        assertThat(Detector.of("pan_tompkins")).isEqualTo(Detector.PAN_TOMPKINS);
        assertThat(Detector.of("pantompkins")).isEqualTo(Detector.PAN_TOMPKINS);
        assertThat(Detector.of("HAMILTON")).isEqualTo(Detector.HAMILTON);
    }

    @Test
    void anUnknownNameIsRefusedNamingTheKnownOnes() {
        assertThatThrownBy(() -> Detector.of("wavelet")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'wavelet'").hasMessageContaining("pan-tompkins, hamilton, robust");
    }
}
