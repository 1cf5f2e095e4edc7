package io.github.ecgid.signal.wavelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ecgid.core.EcgSignalException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WaveletDenoiserTest {

    @Test
    void seedDenoiserUsesDb6UpToLevelEight() {
        WaveletDenoiser d = WaveletDenoiser.seed();
        assertThat(d.wavelet().name()).isEqualTo("db6");
        assertThat(d.rule()).isEqualTo(ThresholdRule.SEED_LEVEL_SCALED);
        assertThat(d.levelsFor(100_000)).isEqualTo(8);
        assertThat(d.levelsFor(1000)).isEqualTo(6);
    }

    @Test
    void reducesWhiteNoiseOnASmoothSignal() {
        Random r = new Random(2);
        int n = 4000;
        double[] clean = new double[n];
        double[] noisy = new double[n];
        for (int i = 0; i < n; i++) {
            clean[i] = Math.sin(2 * Math.PI * i / 250.0);
            noisy[i] = clean[i] + 0.2 * r.nextGaussian();
        }
        double[] y = WaveletDenoiser.seed().denoise(noisy);
        assertThat(rms(y, clean)).isLessThan(0.5 * rms(noisy, clean));
    }

    @Test
    void flatAndVeryShortSignalsPassUnchanged() {
        double[] flat = new double[500];
        java.util.Arrays.fill(flat, 1.25);
        double[] y = WaveletDenoiser.seed().denoise(flat);
        for (double v : y) {
            assertThat(v).isCloseTo(1.25, org.assertj.core.api.Assertions.within(1e-12));
        }
        double[] tiny = {1, 2, 3};
        assertThat(WaveletDenoiser.seed().denoise(tiny)).containsExactly(1, 2, 3);
    }

    @Test
    void rejectsNonFiniteSamplesNamingTheIndex() {
        double[] x = new double[100];
        x[7] = Double.POSITIVE_INFINITY;
        assertThatThrownBy(() -> WaveletDenoiser.seed().denoise(x)).isInstanceOf(EcgSignalException.class)
                .hasMessageContaining("Sample 7");
    }

    private static double rms(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s / a.length);
    }
}
