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

    /**
     * The 12-tap path (blocked kernels, one approximation buffer plus x as scratch, whose alternation depends on
     * the parity of the level count) against the generic transform and the documented rule, levels 1 to 8.
     */
    @Test
    void everyLevelCountMatchesTheGenericTransform() {
        Random r = new Random(12);
        int n = 5003;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.sin(2 * Math.PI * i / 250.0) + 0.3 * r.nextGaussian();
        }
        Wavelet db6 = Wavelet.of("db6");
        for (int level = 1; level <= 8; level++) {
            double[] y = WaveletDenoiser.builder().maxLevel(level).build().denoise(x);
            WaveletCoefficients c = Dwt.wavedec(x, db6, BoundaryMode.SYMMETRIC, level);
            double[][] det = c.details(); // coarsest first
            double sigma = io.github.ecgid.signal.filter.RobustStats.medianAbsoluteDeviation(det[level - 1], 0.0)
                    / 0.6745;
            double universal = sigma * Math.sqrt(2 * Math.log(n));
            for (int i = 1; i <= level; i++) {
                double thr = universal / (1 + 0.1 * i);
                for (int k = 0; k < det[i - 1].length; k++) {
                    double v = det[i - 1][k];
                    det[i - 1][k] = Math.signum(v) * Math.max(Math.abs(v) - thr, 0);
                }
            }
            double[] ref = Dwt.reconstruct(new WaveletCoefficients(db6, BoundaryMode.SYMMETRIC, n,
                    c.approximation(), det));
            double worst = 0;
            for (int i = 0; i < n; i++) {
                worst = Math.max(worst, Math.abs(y[i] - ref[i]));
            }
            assertThat(worst).as("level %d", level).isLessThanOrEqualTo(1e-12);
        }
    }

    private static double rms(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s / a.length);
    }
}
