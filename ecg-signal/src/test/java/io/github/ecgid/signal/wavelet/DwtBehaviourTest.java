package io.github.ecgid.signal.wavelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.ecgid.core.EcgSignalException;
import java.util.Random;
import jwave.transforms.wavelets.daubechies.Daubechies4;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DwtBehaviourTest {

    private static double[] noise(int n, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian();
        }
        return x;
    }

    @ParameterizedTest
    @CsvSource({"1000,db6,6", "1000,sym5,6", "10,db6,0", "11,db6,0", "22,db6,1", "2816,db6,8", "2815,db6,7",
        "1,db1,0", "2,db1,1"})
    void maxLevelFollowsPywt(int n, String name, int expected) {
        if (!Wavelet.available().contains(name)) {
            return;
        }
        assertThat(Dwt.maxLevel(n, Wavelet.of(name))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"db1,SYMMETRIC", "db4,PERIODIZATION", "db10,SYMMETRIC", "sym8,PERIODIZATION", "sym10,SYMMETRIC"})
    void reconstructsLongOddSignalsPerfectly(String name, BoundaryMode mode) {
        double[] x = noise(10_001, 5);
        Wavelet w = Wavelet.of(name);
        double[] back = Dwt.reconstruct(Dwt.wavedec(x, w, mode, Dwt.maxLevel(x.length, w)));
        for (int i = 0; i < x.length; i++) {
            assertThat(back[i]).isCloseTo(x[i], within(1e-10));
        }
    }

    @Test
    void periodizationIsOrthogonalSoEnergyIsPreserved() {
        double[] x = noise(1024, 9);
        WaveletCoefficients c = Dwt.wavedec(x, Wavelet.of("db6"), BoundaryMode.PERIODIZATION, 5);
        double ex = 0;
        for (double v : x) {
            ex += v * v;
        }
        double ec = 0;
        for (double v : c.approximation()) {
            ec += v * v;
        }
        for (double[] d : c.details()) {
            for (double v : d) {
                ec += v * v;
            }
        }
        assertThat(ec).isCloseTo(ex, within(1e-9 * ex));
    }

    @Test
    void agreesWithJwaveDaubechies4OnAPowerOfTwoPeriodicSignal() throws Throwable {
        // JWave correlates with dec_lo and uses -dec_hi where pywt convolves, so pywt's periodized level 1 on
        // the time-reversed signal x'[m] = x[-m mod n] equals JWave's step on x, read at index -o-2 mod n/2. JWave's
        // db4 coefficients differ from pywt's in the 13th digit, hence 1e-10.
        int n = 256;
        double[] x = noise(n, 11);
        double[] reversed = new double[n];
        for (int m = 0; m < n; m++) {
            reversed[m] = x[Math.floorMod(-m, n)];
        }
        double[] jw = new Daubechies4().forward(x.clone(), n);
        WaveletCoefficients c = Dwt.wavedec(reversed, Wavelet.of("db4"), BoundaryMode.PERIODIZATION, 1);
        double[] a = c.approximation();
        double[] d = c.detail(1);
        for (int o = 0; o < n / 2; o++) {
            int j = Math.floorMod(-o - 2, n / 2);
            assertThat(a[o]).isCloseTo(jw[j], within(1e-10));
            assertThat(d[o]).isCloseTo(-jw[n / 2 + j], within(1e-10));
        }
    }

    @Test
    void rejectsLevelsBeyondTheUsefulMaximumAndNonFiniteSamples() {
        Wavelet db6 = Wavelet.of("db6");
        assertThatThrownBy(() -> Dwt.wavedec(new double[100], db6, BoundaryMode.SYMMETRIC, 4))
                .isInstanceOf(EcgSignalException.class).hasMessageContaining("0..3");
        double[] x = new double[100];
        x[42] = Double.NaN;
        assertThatThrownBy(() -> Dwt.wavedec(x, db6, BoundaryMode.SYMMETRIC, 2))
                .isInstanceOf(EcgSignalException.class).hasMessageContaining("Sample 42");
    }

    @Test
    void unknownWaveletNamesTheAvailableOnes() {
        assertThatThrownBy(() -> Wavelet.of("db42")).isInstanceOf(EcgSignalException.class)
                .hasMessageContaining("db42").hasMessageContaining("sym8");
    }

    @Test
    void detailLevelOneIsTheFinest() {
        double[] x = noise(512, 1);
        WaveletCoefficients c = Dwt.wavedec(x, Wavelet.of("db2"), BoundaryMode.PERIODIZATION, 3);
        assertThat(c.detail(1)).hasSize(256);
        assertThat(c.detail(3)).hasSize(64);
        assertThat(c.approximation()).hasSize(64);
    }
}
