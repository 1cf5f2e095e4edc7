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

    /**
     * The 12-tap path checks finiteness after the analysis (on the coarsest approximation) instead of before:
     * still the first bad index in the message and the input unchanged, wherever the sample is, for each
     * 12-tap wavelet and the generic path.
     */
    @Test
    void nonFiniteSamplesAnywhereAreRejectedWithTheFirstIndexAndInputUnchanged() {
        Random r = new Random(5);
        double[] bad = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (String w : new String[] {"db6", "sym6", "db4", "sym8"}) {
            WaveletDenoiser d = WaveletDenoiser.builder().wavelet(w).build();
            for (int n : new int[] {11, 12, 100, 4097}) {
                for (int pos : new int[] {0, 1, n / 2, n - 2, n - 1}) {
                    for (double b : bad) {
                        double[] x = new double[n];
                        for (int i = 0; i < n; i++) {
                            x[i] = r.nextGaussian();
                        }
                        x[pos] = b;
                        if (pos + 1 < n) {
                            x[n - 1] = -b; // a later bad sample must not be the one named
                        }
                        double[] before = x.clone();
                        assertThatThrownBy(() -> d.denoiseInPlace(x)).as("%s n=%d pos=%d %s", w, n, pos, b)
                                .isInstanceOf(EcgSignalException.class).hasMessageContaining("Sample " + pos + " ");
                        assertThat(x).containsExactly(before);
                    }
                }
            }
        }
    }

    @Test
    void hugeFiniteSamplesThatOverflowTheTransformAreNotRejected() {
        double[] x = new double[2000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % 2 == 0 ? 1 : -1) * Double.MAX_VALUE;
        }
        WaveletDenoiser.seed().denoiseInPlace(x); // as before: no exception, whatever the overflowed result
    }

    private static double rms(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s / a.length);
    }
}
