package io.github.ecgid.signal.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ecgid.core.EcgSignalException;
import io.github.ecgid.core.synth.Noise;
import io.github.ecgid.core.synth.SyntheticRecording;
import io.github.ecgid.signal.eval.DetectionScore;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PanTompkinsTest {

    private final RPeakDetector detector = RPeakDetectors.byName("pan-tompkins");

    @ParameterizedTest
    @ValueSource(doubles = {125, 130, 200, 250, 360, 500, 1000})
    void detectsEveryBeatOfANoisySinusRhythmAtEachRate(double fs) {
        SyntheticRecording rec = Signals.ecg(fs, 60, 72, Noise.realistic(), 11);

        RPeaks peaks = detector.detect(rec.signalMv(), fs);

        DetectionScore s = Signals.score(rec, peaks.indexSamples(), 50);
        assertThat(s.falseNegatives()).as("missed beats %s", s).isZero();
        assertThat(s.falsePositives()).as("extra detections %s", s).isZero();
    }

    @ParameterizedTest
    @ValueSource(doubles = {125, 360, 1000})
    void placesRPeaksWithinTwoSamplesOfTheTruthOnCleanSignal(double fs) {
        SyntheticRecording rec = Signals.ecg(fs, 30, 65, Noise.none(), 3);

        RPeaks peaks = detector.detect(rec.signalMv(), fs);

        DetectionScore exact = Signals.score(rec, peaks.indexSamples(), 2000.0 * 2 / fs + 1e-6);
        assertThat(exact.sensitivity()).as("%s", exact).isEqualTo(1.0);
    }

    @Test
    void detectsInvertedQrsComplexesOnTheirNegativePeak() {
        SyntheticRecording rec = Signals.ecg(250, 60, 80, Noise.realistic(), 5);
        double[] inverted = rec.signalMv();
        for (int i = 0; i < inverted.length; i++) {
            inverted[i] = -inverted[i];
        }

        RPeaks peaks = detector.detect(inverted, 250);

        DetectionScore s = Signals.score(rec, peaks.indexSamples(), 20);
        assertThat(s.f1()).as("%s", s).isEqualTo(1.0);
    }

    @Test
    void followsAFastAndASlowRhythm() {
        for (double bpm : new double[] {40, 150}) {
            SyntheticRecording rec = Signals.ecg(360, 60, bpm, Noise.realistic(), 8);

            DetectionScore s = Signals.score(rec, detector.detect(rec.signalMv(), 360).indexSamples(), 50);

            assertThat(s.f1()).as("%s bpm: %s", bpm, s).isEqualTo(1.0);
        }
    }

    @Test
    void rejectsSamplingRatesOutsideTheSupportedRange() {
        assertThatThrownBy(() -> detector.detect(new double[1000], 50))
                .isInstanceOf(EcgSignalException.class).hasMessageContaining("50.0 Hz");
        assertThatThrownBy(() -> detector.streaming(4000, r -> { }))
                .isInstanceOf(EcgSignalException.class).hasMessageContaining("4000.0 Hz");
    }

    @Test
    void flatLineGivesNoPeaksAndSaysWhy() {
        RPeaks peaks = detector.detect(new double[250 * 20], 250);

        assertThat(peaks.count()).isZero();
        assertThat(peaks.notes()).extracting(RPeaks.Note::kind)
                .contains(RPeaks.Kind.FLAT_OR_SATURATED, RPeaks.Kind.NO_ACTIVITY);
    }

    @Test
    void skipsANonFiniteStretchAndReportsItsExactRange() {
        SyntheticRecording rec = Signals.ecg(250, 40, 70, Noise.realistic(), 21);
        double[] x = rec.signalMv();
        Arrays.fill(x, 2500, 3000, Double.NaN);
        x[6000] = Double.POSITIVE_INFINITY;

        RPeaks peaks = detector.detect(x, 250);

        assertThat(peaks.notes()).filteredOn(n -> n.kind() == RPeaks.Kind.NON_FINITE)
                .extracting(RPeaks.Note::fromSample, RPeaks.Note::toSample)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2500L, 3000L),
                        org.assertj.core.groups.Tuple.tuple(6000L, 6001L));
        long[] truthOutsideGap = Arrays.stream(rec.rPeakSamples())
                .filter(r -> r < 2500 - 50 || r > 3000 + 250 * 3).asLongStream().toArray();
        int[] detectedOutsideGap = Arrays.stream(peaks.indexSamples())
                .filter(r -> r < 2500 - 50 || r > 3000 + 250 * 3).toArray();
        DetectionScore s = io.github.ecgid.signal.eval.BeatMatcher.match(truthOutsideGap, detectedOutsideGap, 12);
        assertThat(s.sensitivity()).as("%s", s).isGreaterThanOrEqualTo(0.97);
        assertThat(s.positivePredictivity()).as("%s", s).isEqualTo(1.0);
    }

    @Test
    void inputShorterThanTheLearningPhaseGivesProvisionalPeaksWithANote() {
        SyntheticRecording rec = Signals.ecg(360, 1.5, 75, Noise.none(), 2);

        RPeaks peaks = detector.detect(rec.signalMv(), 360);

        assertThat(peaks.notes()).extracting(RPeaks.Note::kind).contains(RPeaks.Kind.SHORT_INPUT);
        assertThat(Signals.score(rec, peaks.indexSamples(), 50).truePositives()).isPositive();
        assertThat(detector.detect(new double[10], 360).count()).isZero();
        assertThat(detector.detect(new double[0], 360).count()).isZero();
    }

    @Test
    void clippedSignalStillGivesItsBeats() {
        SyntheticRecording rec = Signals.ecg(250, 60, 70, Noise.realistic(), 4);
        double[] x = rec.signalMv();
        double max = Arrays.stream(x).max().orElseThrow();
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.min(x[i], 0.5 * max);
        }

        RPeaks peaks = detector.detect(x, 250);

        assertThat(Signals.score(rec, peaks.indexSamples(), 100).f1()).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void pureNoiseDoesNotBlowUpTime() {
        java.util.Random rnd = new java.util.Random(1);
        double[] x = new double[500 * 600];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextGaussian() * (i % 100_000 < 50_000 ? 1 : 100);
        }

        RPeaks peaks = detector.detect(x, 500);

        // bounded work: at most one detection per refractory period
        assertThat(peaks.count()).isLessThanOrEqualTo(600 * 5);
        assertThat(peaks.indexSamples()).isSorted();
    }

    @Test
    void unknownDetectorNameListsTheKnownOnes() {
        assertThatThrownBy(() -> RPeakDetectors.byName("xqrs"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pan-tompkins")
                .hasMessageContaining("hamilton");
        assertThat(RPeakDetectors.byName("Pan-Tompkins")).isInstanceOf(PanTompkins.class);
    }
}
