package io.github.ecgid.signal.wavelet;

import static io.github.ecgid.signal.filter.GoldenVectors.maxAbs;
import static io.github.ecgid.signal.filter.GoldenVectors.maxAbsDiff;
import static io.github.ecgid.signal.filter.GoldenVectors.pick;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.ecgid.signal.filter.GoldenVectors;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** DWT coefficients and seed denoising agree with PyWavelets 1.1 (golden vectors from make_wavelet_golden.py). */
class PywtGoldenTest {
    private static final GoldenVectors GOLDEN = GoldenVectors.load("wavelets.csv");
    private static final double TOL = 1e-10;

    static Stream<Arguments> decompositions() {
        List<Arguments> out = new ArrayList<>();
        for (String name : Wavelet.available()) {
            for (BoundaryMode mode : BoundaryMode.values()) {
                out.add(Arguments.of(name, mode, 128, Dwt.maxLevel(128, Wavelet.of(name))));
            }
        }
        for (String name : new String[] {"db4", "db6", "sym8", "db10"}) {
            for (BoundaryMode mode : BoundaryMode.values()) {
                out.add(Arguments.of(name, mode, 301, Dwt.maxLevel(301, Wavelet.of(name))));
                out.add(Arguments.of(name, mode, 301, 1));
            }
        }
        out.add(Arguments.of("db6", BoundaryMode.SYMMETRIC, 1000, 6));
        out.add(Arguments.of("sym8", BoundaryMode.PERIODIZATION, 1000, 5));
        return out.stream();
    }

    private static String pywtMode(BoundaryMode m) {
        return m == BoundaryMode.SYMMETRIC ? "symmetric" : "periodization";
    }

    @ParameterizedTest(name = "{0} {1} n={2} level={3}")
    @MethodSource("decompositions")
    void wavedecMatchesPywtAndReconstructsPerfectly(String name, BoundaryMode mode, int n, int level) {
        String key = name + "|" + pywtMode(mode) + "|" + n + "|" + level;
        double[] x = GOLDEN.get("signal|" + n);
        WaveletCoefficients c = Dwt.wavedec(x, Wavelet.of(name), mode, level);

        int[] lens = GOLDEN.indices("lens|" + key);
        assertThat(c.levels()).isEqualTo(lens.length - 1);
        double[] flat = new double[java.util.Arrays.stream(lens).sum()];
        double[] a = c.approximation();
        assertThat(a.length).isEqualTo(lens[0]);
        System.arraycopy(a, 0, flat, 0, a.length);
        int pos = a.length;
        for (int i = 0; i < c.levels(); i++) {
            double[] d = c.details()[i];
            assertThat(d.length).isEqualTo(lens[i + 1]);
            System.arraycopy(d, 0, flat, pos, d.length);
            pos += d.length;
        }
        double[] expected = GOLDEN.get("coef|" + key);
        assertThat(maxAbsDiff(flat, expected)).isLessThanOrEqualTo(TOL * maxAbs(expected));

        assertThat(Dwt.waverec(c).length).isEqualTo(GOLDEN.indices("rec|" + key)[0]);
        assertThat(maxAbsDiff(Dwt.reconstruct(c), x)).isLessThanOrEqualTo(TOL * maxAbs(x));
    }

    @ParameterizedTest(name = "{0} n={1}")
    @CsvSource({"seed,700", "seed,3000", "visu,700", "visu,3000"})
    void denoisingMatchesThePywtReference(String rule, int n) {
        double[] x = GOLDEN.get("signal|" + n);
        WaveletDenoiser denoiser = WaveletDenoiser.builder()
                .rule(rule.equals("seed") ? ThresholdRule.SEED_LEVEL_SCALED : ThresholdRule.VISU_SHRINK).build();
        assertThat(denoiser.levelsFor(n)).isEqualTo(GOLDEN.indices("level|" + n)[0]);
        double[] y = pick(denoiser.denoise(x), GOLDEN.indices("idx|" + n));
        assertThat(maxAbsDiff(y, GOLDEN.get("denoise|" + rule + "|" + n))).isLessThanOrEqualTo(TOL * maxAbs(x));
    }
}
