package io.github.ecgid.signal.filter;

import static io.github.ecgid.signal.filter.GoldenVectors.maxAbs;
import static io.github.ecgid.signal.filter.GoldenVectors.maxAbsDiff;
import static io.github.ecgid.signal.filter.GoldenVectors.pick;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Filters designed and applied in Java agree with scipy 1.10 (golden vectors from make_filter_golden.py). */
class ScipyGoldenTest {
    private static final GoldenVectors GOLDEN = GoldenVectors.load("filters.csv");
    private static final int[] IDX = GOLDEN.indices("idx|1000");
    private static final int[] RATES = {125, 250, 360, 500, 1000};
    private static final String[] CASES = {"lowpass-2-40", "lowpass-5-25", "highpass-1-0.5", "highpass-4-0.5",
        "bandpass-4-0.5-40", "bandpass-2-5-15", "bandpass-3-1-45", "notch-50-30", "notch-60-30"};
    /** Relative to the signal scale (max |x|); the issue asks for 1e-9. */
    private static final double TOL = 1e-9;

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (int fs : RATES) {
            for (String c : CASES) {
                out.add(Arguments.of(fs, c));
            }
        }
        return out.stream();
    }

    static Sos design(int fs, String name) {
        String[] p = name.split("-");
        return switch (p[0]) {
            case "lowpass" -> Butterworth.lowPass(Integer.parseInt(p[1]), fs, Double.parseDouble(p[2]));
            case "highpass" -> Butterworth.highPass(Integer.parseInt(p[1]), fs, Double.parseDouble(p[2]));
            case "bandpass" -> Butterworth.bandPass(Integer.parseInt(p[1]), fs, Double.parseDouble(p[2]),
                    Double.parseDouble(p[3]));
            case "notch" -> Notch.of(fs, Double.parseDouble(p[1]), Double.parseDouble(p[2]));
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static double[] flat(double[][] sections) {
        double[] out = new double[sections.length * 6];
        for (int i = 0; i < sections.length; i++) {
            System.arraycopy(sections[i], 0, out, 6 * i, 6);
        }
        return out;
    }

    @ParameterizedTest(name = "{1} at {0} Hz")
    @MethodSource("cases")
    void designsTheSameSectionsAsScipy(int fs, String name) {
        double[] expected = GOLDEN.get("sos|" + fs + "|" + name);
        double[] actual = flat(design(fs, name).sections());
        assertThat(maxAbsDiff(actual, expected)).isLessThanOrEqualTo(1e-12 * Math.max(1, maxAbs(expected)));
    }

    @ParameterizedTest(name = "{1} at {0} Hz")
    @MethodSource("cases")
    void zeroPhaseMatchesSosfiltfilt(int fs, String name) {
        double[] x = GOLDEN.get("signal|" + fs);
        double[] expected = GOLDEN.get("zp|" + fs + "|" + name);
        double[] actual = pick(design(fs, name).zeroPhase(x), IDX);
        assertThat(maxAbsDiff(actual, expected)).isLessThanOrEqualTo(TOL * maxAbs(x));
    }

    @ParameterizedTest(name = "{1} at {0} Hz")
    @MethodSource("cases")
    void causalAndStreamingMatchSosfilt(int fs, String name) {
        String key = "causal|" + fs + "|" + name;
        if (!GOLDEN.has(key)) {
            return;
        }
        double[] x = GOLDEN.get("signal|" + fs);
        double[] expected = GOLDEN.get(key);
        Sos sos = design(fs, name);
        assertThat(maxAbsDiff(pick(sos.filter(x), IDX), expected)).isLessThanOrEqualTo(TOL * maxAbs(x));
        StreamingFilter live = sos.newStreamingFilter();
        double[] streamed = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            streamed[i] = live.filter(x[i]);
        }
        assertThat(maxAbsDiff(pick(streamed, IDX), expected)).isLessThanOrEqualTo(TOL * maxAbs(x));
    }

    @ParameterizedTest(name = "{1} at {0} Hz")
    @MethodSource("cases")
    void notchZeroPhaseMatchesTransferFunctionFiltfilt(int fs, String name) {
        String key = "filtfilt|" + fs + "|" + name;
        if (!GOLDEN.has(key)) {
            return;
        }
        double[] x = GOLDEN.get("signal|" + fs);
        double[] actual = pick(design(fs, name).zeroPhase(x), IDX);
        assertThat(maxAbsDiff(actual, GOLDEN.get(key))).isLessThanOrEqualTo(TOL * maxAbs(x));
    }
}
