package io.github.ecgid.signal.beat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.apache.commons.math3.analysis.interpolation.SplineInterpolator;
import org.apache.commons.math3.analysis.polynomials.PolynomialSplineFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BeatSegmenterTest {

    /** A "QRS" bump every second plus a T bump 0.25 s later; peaks at known samples. */
    private static double[] bumps(double fs, int seconds, int[] peaksOut) {
        double[] x = new double[(int) (fs * seconds)];
        for (int b = 0; b < peaksOut.length; b++) {
            peaksOut[b] = (int) Math.round((b + 1) * fs);
            for (int i = 0; i < x.length; i++) {
                double t = (i - peaksOut[b]) / fs;
                x[i] += 1.2 * Math.exp(-t * t / (2 * 0.01 * 0.01))
                        + 0.3 * Math.exp(-(t - 0.25) * (t - 0.25) / 0.002);
            }
        }
        return x;
    }

    @ParameterizedTest
    @ValueSource(doubles = {125, 130, 250, 360, 500, 1000})
    void everyBeatHas175ZScoredSamplesWithTheRPeakAtTheSameOffset(double fs) {
        int[] peaks = new int[5];
        double[] x = bumps(fs, 7, peaks);

        Beats beats = BeatSegmenter.seed(fs).segment(x, peaks);

        assertThat(beats.count()).isEqualTo(5);
        assertThat(beats.rPeakIndices()).containsExactly(peaks);
        for (int i = 0; i < beats.count(); i++) {
            float[] b = beats.beat(i);
            assertThat(b).hasSize(175);
            double mean = 0;
            double sq = 0;
            int argmax = 0;
            for (int t = 0; t < b.length; t++) {
                mean += b[t];
                sq += b[t] * b[t];
                if (b[t] > b[argmax]) {
                    argmax = t;
                }
            }
            assertThat(mean / 175).isCloseTo(0, within(1e-5));
            assertThat(sq / 175).isCloseTo(1, within(1e-4));
            // 0.25 s of the 0.70 s window lies before the peak: output sample 174 * 0.25 / 0.70 = 62.1
            assertThat(argmax).isBetween(61, 64);
        }
    }

    @Test
    void dropsBeatsWhoseWindowLeavesTheSignal() {
        int[] peaks = new int[5];
        double[] x = bumps(250, 7, peaks);

        Beats beats = BeatSegmenter.seed(250).segment(x, new int[] {10, peaks[1], x.length - 20});

        assertThat(beats.rPeakIndices()).containsExactly(peaks[1]);
        assertThat(beats.rejected()).extracting(Beats.Rejection::reason)
                .containsExactly(Beats.Reason.EDGE, Beats.Reason.EDGE);
        assertThat(beats.rejected()).extracting(Beats.Rejection::rPeakIndex).containsExactly(10, x.length - 20);
    }

    @Test
    void resamplingEqualsANaturalCubicSpline() {
        Random r = new Random(3);
        int n = 252; // the seed window at 360 Hz: 90 + 162 samples
        double[] y = new double[n];
        double[] xs = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = Math.sin(i / 9.0) + 0.1 * r.nextGaussian();
            xs[i] = i;
        }
        double[] out = new double[175];

        new BeatSegmenter.Spline(n).resample(y, out);

        PolynomialSplineFunction ref = new SplineInterpolator().interpolate(xs, y);
        for (int j = 0; j < 175; j++) {
            assertThat(out[j]).isCloseTo(ref.value(Math.min(n - 1, j * (n - 1) / 174.0)), within(1e-9));
        }
    }

    @Test
    void qualityGateRejectsAFlatStretchASaturatedArtefactAndAnOddBeatWithReasons() {
        double fs = 250;
        int[] peaks = new int[12];
        double[] x = bumps(fs, 14, peaks);
        for (int i = peaks[9] - 60; i < peaks[9] + 110; i++) {
            x[i] = ((i / 20) % 2 == 0) ? 2 : -2; // clipped square artefact
        }
        for (int i = peaks[10] - 70; i < peaks[10] + 120; i++) {
            x[i] = 0.0; // lead off
        }
        for (int i = peaks[7] - 62; i < peaks[7] + 112; i++) {
            x[i] = Math.sin(i / 3.0) * 0.5; // not a beat at all
        }

        Beats beats = BeatSegmenter.seed(fs).withQualityGate(QualityGate.defaults()).segment(x, peaks);

        assertThat(beats.rejected()).extracting(Beats.Rejection::rPeakIndex, Beats.Rejection::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(peaks[7], Beats.Reason.LOW_CORRELATION),
                        org.assertj.core.groups.Tuple.tuple(peaks[9], Beats.Reason.SATURATED),
                        org.assertj.core.groups.Tuple.tuple(peaks[10], Beats.Reason.FLAT));
        assertThat(beats.count()).isEqualTo(peaks.length - 3);
        assertThat(BeatSegmenter.seed(fs).segment(x, peaks).count()).as("no gate: all kept but the flat one")
                .isEqualTo(peaks.length - 1);
    }

    @Test
    void amplitudeOnlyGateKeepsAnOddBeatButStillRejectsArtefacts() {
        double fs = 250;
        int[] peaks = new int[12];
        double[] x = bumps(fs, 14, peaks);
        for (int i = peaks[9] - 60; i < peaks[9] + 110; i++) {
            x[i] = ((i / 20) % 2 == 0) ? 2 : -2;
        }
        for (int i = peaks[7] - 62; i < peaks[7] + 112; i++) {
            x[i] = Math.sin(i / 3.0) * 0.5;
        }

        Beats beats = BeatSegmenter.seed(fs).withQualityGate(QualityGate.amplitudeOnly()).segment(x, peaks);

        assertThat(beats.rejected()).extracting(Beats.Rejection::rPeakIndex, Beats.Rejection::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(peaks[9], Beats.Reason.SATURATED));
        assertThat(beats.count()).isEqualTo(peaks.length - 1);
    }

    /** Sinus bumps with every third beat replaced by a wide inverted "ventricular" complex of its own shape. */
    private static double[] trigeminyLike(double fs, int[] peaks) {
        double[] x = bumps(fs, peaks.length + 2, peaks);
        for (int b = 2; b < peaks.length; b += 3) {
            for (int i = peaks[b] - (int) (0.3 * fs); i < peaks[b] + (int) (0.5 * fs); i++) {
                double t = (i - peaks[b]) / fs;
                x[i] = -1.5 * Math.exp(-t * t / (2 * 0.04 * 0.04)) + 0.6 * Math.exp(-(t - 0.3) * (t - 0.3) / 0.004);
            }
        }
        return x;
    }

    @Test
    void recurringGateKeepsAnEctopicShapeFromItsThirdOccurrenceOn() {
        double fs = 250;
        int[] peaks = new int[15];
        double[] x = trigeminyLike(fs, peaks);

        Beats beats = BeatSegmenter.seed(fs).withQualityGate(QualityGate.recurring()).segment(x, peaks);

        // ectopic beats at 2, 5, 8, 11, 14: the first two have no earlier twin enough
        assertThat(beats.rejected()).extracting(Beats.Rejection::rPeakIndex, Beats.Rejection::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(peaks[2], Beats.Reason.NOT_RECURRING),
                        org.assertj.core.groups.Tuple.tuple(peaks[5], Beats.Reason.NOT_RECURRING));
        assertThat(beats.rejected().get(1).detail()).contains("1 of the last 5 beats, needs 2");
        assertThat(beats.rPeakIndices()).contains(peaks[8], peaks[11], peaks[14]);
    }

    @Test
    void medianGateDropsARecurringEctopicShapeOnceWarmedUp() {
        double fs = 250;
        int[] peaks = new int[15];
        double[] x = trigeminyLike(fs, peaks);

        Beats beats = BeatSegmenter.seed(fs).withQualityGate(QualityGate.defaults()).segment(x, peaks);

        // the first ectopic beat (2) falls in the 5-beat warm-up; every later one is unlike the median
        assertThat(beats.rejected()).extracting(Beats.Rejection::rPeakIndex)
                .containsExactly(peaks[5], peaks[8], peaks[11], peaks[14]);
    }

    @Test
    void recurringGateDropsAOneOffArtefactAmongSinusBeats() {
        double fs = 250;
        int[] peaks = new int[12];
        double[] x = bumps(fs, 14, peaks);
        for (int i = peaks[7] - 62; i < peaks[7] + 112; i++) {
            x[i] = Math.sin(i / 3.0) * 0.5;
        }

        Beats beats = BeatSegmenter.seed(fs).withQualityGate(QualityGate.recurring()).segment(x, peaks);

        assertThat(beats.rejected()).extracting(Beats.Rejection::rPeakIndex, Beats.Rejection::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(peaks[7], Beats.Reason.NOT_RECURRING));
        assertThat(beats.rejected().get(0).detail()).contains("0 of the last 7 beats, needs 2");
    }

    @Test
    void recurringGateNeedsAtLeastAsManyRecentBeatsAsMatches() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> QualityGate.ShapeCheck.recurring(0.8, 1, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 matches")
                .hasMessageContaining("1 recent beats");
    }

    @Test
    void beatsWithNonFiniteSamplesAreRejected() {
        int[] peaks = new int[5];
        double[] x = bumps(360, 7, peaks);
        x[peaks[2] + 5] = Double.NaN;

        Beats beats = BeatSegmenter.seed(360).segment(x, peaks);

        assertThat(beats.count()).isEqualTo(4);
        assertThat(beats.rejected()).extracting(Beats.Rejection::reason).containsExactly(Beats.Reason.NON_FINITE);
    }
}
