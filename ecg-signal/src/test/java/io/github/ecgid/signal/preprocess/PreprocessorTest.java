package io.github.ecgid.signal.preprocess;

import static io.github.ecgid.signal.filter.GoldenVectors.maxAbs;
import static io.github.ecgid.signal.filter.GoldenVectors.maxAbsDiff;
import static io.github.ecgid.signal.filter.GoldenVectors.pick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.ecgid.core.EcgRecord;
import io.github.ecgid.core.EcgSignalException;
import io.github.ecgid.signal.filter.GoldenVectors;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PreprocessorTest {
    private static final GoldenVectors GOLDEN = GoldenVectors.load("preprocess.csv");

    /** Unit-amplitude spikes every second on a slow wave: positions must survive the chain. */
    private static double[] spikes(double fs, int seconds) {
        int n = (int) (fs * seconds);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 0.3 * Math.sin(2 * Math.PI * 0.2 * i / fs);
            double t = (i % (int) fs) / fs - 0.5;
            x[i] += Math.exp(-0.5 * (t / 0.01) * (t / 0.01));
        }
        return x;
    }

    @ParameterizedTest(name = "{0} Hz, notch {2} Hz")
    @CsvSource({"250,5000,50", "360,4000,60"})
    void seedChainMatchesTheScipyPywtReference(int fs, int n, double notchHz) {
        String key = fs + "|" + n;
        double[] x = GOLDEN.get("signal|" + key);
        CleanSignal clean = Preprocessor.builder(fs).notch(notchHz).build().apply(x);
        assertThat(clean.length()).isEqualTo(n - 2 * fs);
        assertThat(clean.offsetSamples()).isEqualTo(fs);
        assertThat(clean.clippedSamples()).isEqualTo(GOLDEN.indices("clipped|" + key)[0]);
        double[] actual = pick(clean.samplesMv(), GOLDEN.indices("idx|" + key));
        assertThat(maxAbsDiff(actual, GOLDEN.get("clean|" + key))).isLessThanOrEqualTo(1e-9 * maxAbs(x));
    }

    @Test
    void trimmingDoesNotShiftPeakPositionsInTheOriginalIndexing() {
        double fs = 360;
        double[] x = spikes(fs, 10);
        CleanSignal clean = Preprocessor.seed(fs).apply(x);
        double[] y = clean.samplesMv();
        // The spike nearest the middle is at original index 5*360 + 180.
        int from = clean.toCleanIndex(5 * 360);
        int argmax = from;
        for (int i = from; i < from + 360; i++) {
            if (y[i] > y[argmax]) {
                argmax = i;
            }
        }
        assertThat(clean.toOriginalIndex(argmax)).isEqualTo(5 * 360 + 180);
        assertThat(clean.toCleanIndex(10)).isEqualTo(-1);
        assertThat(clean.toOriginalIndices(new int[] {0, 5})).containsExactly(360, 365);
    }

    @Test
    void rejectsNaNNamingTheFirstBadIndexOfTheInput() {
        double[] x = spikes(250, 6);
        x[700] = Double.NaN;
        x[900] = Double.NEGATIVE_INFINITY;
        assertThatThrownBy(() -> Preprocessor.seed(250).apply(x)).isInstanceOf(EcgSignalException.class)
                .hasMessageContaining("Sample 700 is NaN");
    }

    @Test
    void ignoresNaNInTheTrimmedMargins() {
        double[] x = spikes(250, 6);
        x[3] = Double.NaN;
        assertThat(Preprocessor.seed(250).apply(x).interpolatedGaps()).isEmpty();
    }

    @Test
    void interpolatesShortGapsAndReportsThemButRejectsLongOnes() {
        double[] x = spikes(250, 6);
        Arrays.fill(x, 700, 705, Double.NaN);
        Preprocessor p = Preprocessor.builder(250).interpolateGapsUpTo(0.05).build();
        CleanSignal clean = p.apply(x);
        assertThat(clean.interpolatedGaps()).containsExactly(new SampleGap(700, 705));
        assertThat(clean.notes()).anyMatch(s -> s.contains("interpolated 5"));
        for (double v : clean.samplesMv()) {
            assertThat(v).isFinite();
        }
        Arrays.fill(x, 800, 830, Double.NaN);
        assertThatThrownBy(() -> p.apply(x)).isInstanceOf(EcgSignalException.class)
                .hasMessageContaining("Sample 800").hasMessageContaining("run of 30");
    }

    @Test
    void aGapTooLongToBridgeIsATypedErrorCarryingTheGapAndTheLimit() {
        double[] x = spikes(250, 6);
        Arrays.fill(x, 800, 830, Double.NaN);

        assertThatThrownBy(() -> Preprocessor.builder(250).interpolateGapsUpTo(0.05).build().apply(x))
                .isInstanceOfSatisfying(SampleGapException.class, e -> {
                    assertThat(e.gap()).isEqualTo(new SampleGap(800, 830));
                    assertThat(e.maxGapSeconds()).isEqualTo(0.05);
                    assertThat(e.gapSeconds()).isEqualTo(30 / 250.0);
                });
        assertThatThrownBy(() -> Preprocessor.seed(250).apply(x)).isInstanceOfSatisfying(SampleGapException.class,
                e -> assertThat(e.maxGapSeconds()).isZero());
    }

    @Test
    void flatLineIsReportedNotThrown() {
        double[] x = new double[2500];
        Arrays.fill(x, 0.7);
        CleanSignal clean = Preprocessor.seed(250).apply(x);
        assertThat(clean.flatLine()).isTrue();
        assertThat(clean.notes()).anyMatch(s -> s.contains("flat line"));
        for (double v : clean.samplesMv()) {
            assertThat(v).isCloseTo(0.0, within(1e-12));
        }
    }

    @Test
    void tooShortSignalIsRejectedWithTheMinimumLength() {
        Preprocessor p = Preprocessor.seed(250);
        assertThat(p.minimumLength()).isEqualTo(2 * 250 + 27 + 1);
        assertThatThrownBy(() -> p.apply(new double[400])).isInstanceOf(EcgSignalException.class)
                .hasMessageContaining("400 samples").hasMessageContaining("at least 528");
    }

    @Test
    void noneKeepsTheSignalAndIdentityMapping() {
        double[] x = spikes(250, 3);
        CleanSignal clean = Preprocessor.none(250).apply(x);
        assertThat(clean.samplesMv()).containsExactly(x);
        assertThat(clean.offsetSamples()).isZero();
        assertThat(clean.stepsApplied()).isEmpty();
    }

    @Test
    void everyStepIsNamedInTheResult() {
        CleanSignal clean = Preprocessor.seed(250).apply(spikes(250, 5));
        assertThat(clean.stepsApplied()).containsExactly("trim 1.0 s", "clip median +- 5.0*1.4826*MAD",
                "dc removal (mean)", "notch 50.0 Hz Q 30.0", "band-pass 0.5-40.0 Hz order 4",
                "wavelet db6 level 6 SEED_LEVEL_SCALED");
    }

    @Test
    void detectionChainIsTheSeedChainWithoutTheClip() {
        double[] x = spikes(250, 6);
        x[1000] = 50;
        CleanSignal forDetection = Preprocessor.seedForDetection(250).apply(x);
        assertThat(forDetection.clippedSamples()).isZero();
        assertThat(forDetection.stepsApplied()).containsExactly("trim 1.0 s", "dc removal (mean)",
                "notch 50.0 Hz Q 30.0", "band-pass 0.5-40.0 Hz order 4", "wavelet db6 level 6 SEED_LEVEL_SCALED");
        assertThat(forDetection.samplesMv()).containsExactly(
                Preprocessor.builder(250).noClip().build().apply(x).samplesMv());
        assertThat(Preprocessor.seed(250).apply(x).clippedSamples()).isPositive();
    }

    @Test
    void notchAtNyquistIsSkippedAndNoted() {
        CleanSignal clean = Preprocessor.seed(100).apply(spikes(100, 5));
        assertThat(clean.stepsApplied()).noneMatch(s -> s.startsWith("notch"));
        assertThat(clean.notes()).anyMatch(s -> s.contains("notch 50.0 Hz skipped"));
    }

    @Test
    void adcCountsAreConvertedWithTheSeedConstants() {
        double[] counts = {1000, -2000, 8388607};
        CleanSignal clean = Preprocessor.none(250).applyToAdcCounts(counts);
        double mvPerCount = 2 * 2.42 * 1000 / (6 * 16777216.0);
        assertThat(clean.samplesMv()).containsExactly(1000 * mvPerCount, -2000 * mvPerCount,
                8388607 * mvPerCount);
    }

    @Test
    void recordConvenienceChecksRateAndLead() {
        EcgRecord rec = EcgRecord.of(360, "MLII", spikes(360, 5));
        assertThat(Preprocessor.seed(360).apply(rec, "MLII").length()).isEqualTo(5 * 360 - 720);
        assertThatThrownBy(() -> Preprocessor.seed(250).apply(rec, "MLII")).isInstanceOf(EcgSignalException.class)
                .hasMessageContaining("360.0 Hz");
        assertThatThrownBy(() -> Preprocessor.seed(360).apply(rec, "V5")).isInstanceOf(EcgSignalException.class)
                .hasMessageContaining("V5");
    }

    @Test
    void clippingLimitsAnElectrodePop() {
        double[] x = spikes(250, 6);
        x[1000] = 50;
        CleanSignal clean = Preprocessor.builder(250).noNotch().noBandPass().noWavelet().noDcRemoval().build()
                .apply(x);
        assertThat(clean.clippedSamples()).isGreaterThanOrEqualTo(1);
        assertThat(clean.samplesMv()[clean.toCleanIndex(1000)]).isLessThan(5);
    }

    @Test
    void unsupportedRateIsRejectedAtBuildTime() {
        assertThatThrownBy(() -> Preprocessor.seed(50)).isInstanceOf(EcgSignalException.class)
                .hasMessageContaining("50.0 Hz");
    }

    /**
     * The chain fuses steps (clip with the mean's sum, the mean removal into the notch's forward pass, the
     * denoiser's finiteness check after its analysis): the result must be bit for bit the steps run one by one,
     * with and without clip, notch and DC removal.
     */
    @Test
    void fusedChainEqualsTheStepsOneByOneBitForBit() {
        double fs = 250;
        double[] x = spikes(fs, 40);
        java.util.Random r = new java.util.Random(9);
        for (int i = 0; i < x.length; i++) {
            x[i] += 3.0 + 0.05 * r.nextGaussian() + 0.1 * Math.sin(2 * Math.PI * 50 * i / fs);
        }
        for (int variant = 0; variant < 5; variant++) {
            Preprocessor.Builder b = Preprocessor.builder(fs);
            boolean clip = variant != 1;
            boolean notch = variant != 2;
            boolean dc = variant != 3;
            boolean band = variant != 4;
            if (!clip) {
                b.noClip();
            }
            if (!notch) {
                b.noNotch();
            }
            if (!dc) {
                b.noDcRemoval();
            }
            if (!band) {
                b.noBandPass();
            }
            double[] actual = b.build().apply(x).samplesMv();

            int trim = (int) fs;
            double[] y = Arrays.copyOfRange(x, trim, x.length - trim);
            if (clip) {
                double med = io.github.ecgid.signal.filter.RobustStats.median(y);
                double lim = 5.0 * io.github.ecgid.signal.filter.RobustStats.MAD_TO_SIGMA
                        * io.github.ecgid.signal.filter.RobustStats.medianAbsoluteDeviation(y, med);
                for (int i = 0; i < y.length; i++) {
                    y[i] = y[i] < med - lim ? med - lim : y[i] > med + lim ? med + lim : y[i];
                }
            }
            if (dc) {
                // the chain's mean: four partial sums by index mod 4, the tail into the first
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                int i = 0;
                for (; i + 3 < y.length; i += 4) {
                    s0 += y[i];
                    s1 += y[i + 1];
                    s2 += y[i + 2];
                    s3 += y[i + 3];
                }
                for (; i < y.length; i++) {
                    s0 += y[i];
                }
                double mean = ((s0 + s1) + (s2 + s3)) / y.length;
                for (int k = 0; k < y.length; k++) {
                    y[k] -= mean;
                }
            }
            if (notch) {
                y = io.github.ecgid.signal.filter.Notch.of(fs, 50).zeroPhase(y);
            }
            if (band) {
                y = io.github.ecgid.signal.filter.Butterworth.bandPass(4, fs, 0.5, 40).zeroPhase(y);
            }
            y = io.github.ecgid.signal.wavelet.WaveletDenoiser.seed().denoise(y);
            assertThat(actual).as("variant %d", variant).hasSize(y.length);
            for (int i = 0; i < y.length; i++) {
                assertThat(Double.doubleToRawLongBits(actual[i])).as("variant %d i=%d", variant, i)
                        .isEqualTo(Double.doubleToRawLongBits(y[i]));
            }
        }
    }

    /**
     * With the clip on, non-finite samples are not scanned for up front but caught by the median, MAD and clip
     * pass: the error must be the one the upfront check gives (compared with a chain without the clip), for
     * NaN, ±infinity, runs, a majority of infinities, short and long signals (sampled median).
     */
    @Test
    void deferredNonFiniteCheckGivesTheUpfrontError() {
        double fs = 250;
        for (int seconds : new int[] {6, 200}) {
            double[] base = spikes(fs, seconds);
            int n = base.length;
            double[][] cases = new double[7][];
            for (int c = 0; c < cases.length; c++) {
                cases[c] = base.clone();
            }
            cases[0][n / 2] = Double.NaN;
            cases[1][n / 3] = Double.POSITIVE_INFINITY;
            cases[2][n - 300] = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < 40; i++) {
                cases[3][1000 + i] = Double.POSITIVE_INFINITY;
            }
            for (int i = 300; i < n - 300; i += 2) {
                cases[4][i] = Double.POSITIVE_INFINITY; // about half: the median itself may be infinite
            }
            for (int i = 300; i < n - 300; i++) {
                if (i % 3 != 0) {
                    cases[5][i] = Double.NEGATIVE_INFINITY;
                }
            }
            cases[6][400] = Double.POSITIVE_INFINITY;
            cases[6][401] = Double.NEGATIVE_INFINITY;
            cases[6][402] = Double.NaN;
            for (int c = 0; c < cases.length; c++) {
                double[] x = cases[c];
                String expected = null;
                try {
                    Preprocessor.builder(fs).noClip().build().apply(x);
                } catch (EcgSignalException e) {
                    expected = e.getMessage();
                }
                assertThat(expected).as("case %d", c).isNotNull();
                String message = expected;
                assertThatThrownBy(() -> Preprocessor.seed(fs).apply(x)).as("case %d, %d s", c, seconds)
                        .isInstanceOf(EcgSignalException.class).hasMessage(message);
            }
        }
    }
}
