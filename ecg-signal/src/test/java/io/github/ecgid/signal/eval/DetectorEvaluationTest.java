package io.github.ecgid.signal.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.ecgid.core.Annotation;
import io.github.ecgid.core.Annotations;
import io.github.ecgid.core.EcgRecord;
import io.github.ecgid.core.synth.Noise;
import io.github.ecgid.core.synth.PersonProfile;
import io.github.ecgid.core.synth.SyntheticEcg;
import io.github.ecgid.core.synth.SyntheticRecording;
import io.github.ecgid.signal.detect.RPeakDetectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DetectorEvaluationTest {

    private static SyntheticRecording synthetic(double fs, double seconds) {
        return SyntheticEcg.builder().samplingRateHz(fs).durationSeconds(seconds).person(PersonProfile.of(2, 9))
                .sessionSeed(4).heartRateBpm(70).noise(Noise.realistic()).build().generate();
    }

    private static List<Annotation> beats(int[] r) {
        List<Annotation> out = new ArrayList<>();
        for (int s : r) {
            out.add(Annotation.of(s, "N"));
        }
        return out;
    }

    @Test
    void scoresThePreferredLeadMliiWhereverItIs() {
        SyntheticRecording syn = synthetic(360, 60);
        double[] ecg = syn.signalMv();
        double[] flat = new double[ecg.length];
        EcgRecord rec = EcgRecord.of(360, List.of("V5", "MLII"), new double[][] {flat, ecg}, "like 114",
                Annotations.of(beats(syn.rPeakSamples())));

        DetectorEvaluation.Result r = DetectorEvaluation.builder().detector(RPeakDetectors.byName("pan-tompkins"))
                .seedPreprocessing(false).build().evaluate("s", rec);

        assertThat(DetectorEvaluation.scoredLead(rec)).isEqualTo(1);
        assertThat(r.score().f1()).isEqualTo(1.0);
        assertThat(r.samples()).isEqualTo(ecg.length);
    }

    @Test
    void withATrimTheTrimmedSecondsAreNotScoredAndPositionsMapBack() {
        SyntheticRecording syn = synthetic(250, 60);

        DetectorEvaluation.Result r = DetectorEvaluation.builder().detector(RPeakDetectors.byName("pan-tompkins"))
                .toleranceMs(50).trimSeconds(1).build().evaluate("s", syn.signalMv(), 250, beats(syn.rPeakSamples()));

        long inside = java.util.Arrays.stream(syn.rPeakSamples()).filter(s -> s >= 250 && s < 250 * 59).count();
        assertThat(r.score().truePositives() + r.score().falseNegatives()).isEqualTo(inside);
        assertThat(r.score().f1()).isEqualTo(1.0);
    }

    @Test
    void byDefaultEveryBeatOfATenSecondRecordIsDetectedAndScoredFromTheFirstSecondToTheLast() {
        SyntheticRecording syn = synthetic(500, 10);
        int[] truth = syn.rPeakSamples();

        DetectorEvaluation.Result r = DetectorEvaluation.builder().detector(RPeakDetectors.byName("pan-tompkins"))
                .toleranceMs(50).build().evaluate("s", syn.signalMv(), 500, beats(truth));

        assertThat(java.util.Arrays.stream(truth).filter(s -> s < 500 || s >= 4500).count()).isGreaterThan(1);
        assertThat(r.score().truePositives()).isEqualTo(truth.length);
        assertThat(r.score().falsePositives()).isZero();
    }

    @Test
    void annotatedSpanOnlyLeavesTheUnannotatedEdgeBeatsOutOfTheScore() {
        SyntheticRecording syn = synthetic(500, 10);
        int[] truth = syn.rPeakSamples();
        int[] inner = java.util.Arrays.copyOfRange(truth, 1, truth.length - 1); // like LUDB: edges unannotated
        DetectorEvaluation.Builder b = DetectorEvaluation.builder().detector(RPeakDetectors.byName("pan-tompkins"))
                .toleranceMs(150);

        DetectionScore all = b.build().evaluate("s", syn.signalMv(), 500, beats(inner)).score();
        DetectionScore span = b.annotatedSpanOnly(true).build().evaluate("s", syn.signalMv(), 500, beats(inner))
                .score();

        assertThat(all.falsePositives()).isEqualTo(2);
        assertThat(span.truePositives()).isEqualTo(inner.length);
        assertThat(span.falsePositives()).isZero();
        assertThat(span.falseNegatives()).isZero();
    }

    @Test
    void aNamedLeadIsScoredAndAMissingOneIsRefusedWithTheLeadsThereAre() {
        SyntheticRecording syn = synthetic(500, 10);
        double[] ecg = syn.signalMv();
        EcgRecord rec = EcgRecord.of(500, List.of("i", "ii"), new double[][] {new double[ecg.length], ecg},
                "like ludb", Annotations.of(beats(syn.rPeakSamples())));
        DetectorEvaluation.Builder b = DetectorEvaluation.builder().detector(RPeakDetectors.byName("pan-tompkins"));

        DetectorEvaluation.Result r = b.lead("ii").build().evaluate("s", rec);

        assertThat(r.score().f1()).isEqualTo(1.0);
        assertThat(b.build().leadOf(rec)).isEqualTo(1);
        assertThat(DetectorEvaluation.builder().detector(RPeakDetectors.byName("pan-tompkins")).build().leadOf(rec))
                .isZero();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> b.lead("v7").build().evaluate("s", rec))
                .isInstanceOf(io.github.ecgid.core.EcgSignalException.class)
                .hasMessageContaining("v7").hasMessageContaining("[i, ii]");
    }

    @Test
    void shortRunsOfInvalidSamplesAreBridgedByDefaultAndReported() {
        SyntheticRecording syn = synthetic(500, 10);
        double[] x = syn.signalMv().clone();
        java.util.Arrays.fill(x, 2000, 2050, Double.NaN); // 0.1 s, like WFDB's -32768 in format 16

        DetectorEvaluation.Result r = DetectorEvaluation.builder().detector(RPeakDetectors.byName("pan-tompkins"))
                .build().evaluate("s", x, 500, beats(syn.rPeakSamples()));

        assertThat(r.bridgedGaps()).containsExactly(new io.github.ecgid.signal.preprocess.SampleGap(2000, 2050));
        assertThat(r.bridgedSamples()).isEqualTo(50);
        assertThat(r.score().truePositives()).isGreaterThanOrEqualTo(syn.rPeakSamples().length - 1);
    }

    @Test
    void aRunOfInvalidSamplesLongerThanTheLimitIsRefused() {
        SyntheticRecording syn = synthetic(500, 10);
        double[] x = syn.signalMv().clone();
        java.util.Arrays.fill(x, 2000, 2250, Double.NaN); // 0.5 s

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DetectorEvaluation.builder()
                        .detector(RPeakDetectors.byName("pan-tompkins")).build()
                        .evaluate("s", x, 500, beats(syn.rPeakSamples())))
                .isInstanceOf(io.github.ecgid.signal.preprocess.SampleGapException.class);
        DetectorEvaluation.Result wide = DetectorEvaluation.builder().detector(RPeakDetectors.byName("pan-tompkins"))
                .maxGapSeconds(1).build().evaluate("s", x, 500, beats(syn.rPeakSamples()));
        assertThat(wide.bridgedSamples()).isEqualTo(250);
    }

    @Test
    void theAgreementOfASecondDetectorIsReportedOnlyWhenOneIsGiven() {
        SyntheticRecording syn = synthetic(360, 60);
        DetectorEvaluation.Builder b = DetectorEvaluation.builder().detector(RPeakDetectors.byName("pan-tompkins"));

        DetectorEvaluation.Result none = b.build().evaluate("s", syn.signalMv(), 360, beats(syn.rPeakSamples()));
        DetectorEvaluation.Result self = b.qualityDetector(RPeakDetectors.byName("pan-tompkins")).build()
                .evaluate("s", syn.signalMv(), 360, beats(syn.rPeakSamples()));
        DetectorEvaluation.Result other = b.qualityDetector(RPeakDetectors.byName("hamilton")).build()
                .evaluate("s", syn.signalMv(), 360, beats(syn.rPeakSamples()));

        assertThat(none.quality()).isNull();
        assertThat(self.quality().overall()).isEqualTo(1.0);
        assertThat(self.quality().windows()).hasSize(6);
        assertThat(other.quality().overall()).isGreaterThan(0.98);
        assertThat(other.quality().agreed()).hasSize(syn.rPeakSamples().length);
    }

    @Test
    void ventricularFlutterEpisodesAreLeftOutOnlyWhenAsked() {
        SyntheticRecording syn = synthetic(360, 60);
        double[] x = syn.signalMv();
        Random rnd = new Random(5);
        int from = 360 * 20;
        int to = 360 * 30;
        for (int i = from; i < to; i++) {
            x[i] = 1.5 * Math.sin(2 * Math.PI * 4 * i / 360.0) + 0.05 * rnd.nextGaussian(); // flutter waves
        }
        List<Annotation> ann = new ArrayList<>();
        for (int s : syn.rPeakSamples()) {
            if (s < from || s > to) {
                ann.add(Annotation.of(s, "N"));
            }
        }
        ann.add(Annotation.of(from, "["));
        ann.add(Annotation.of(to, "]"));
        ann.sort(java.util.Comparator.comparingLong(Annotation::sample));
        DetectorEvaluation.Builder b = DetectorEvaluation.builder().detector(RPeakDetectors.byName("pan-tompkins"))
                .seedPreprocessing(false);

        DetectionScore all = b.build().evaluate("vf", x, 360, ann).score();
        DetectionScore ec57 = b.excludeVentricularFlutter(true).build().evaluate("vf", x, 360, ann).score();

        assertThat(all.falsePositives()).isGreaterThan(10);
        assertThat(ec57.falsePositives()).isLessThan(all.falsePositives());
        assertThat(ec57.truePositives()).isEqualTo(all.truePositives());
    }

    @Test
    void noiseIsAddedAtTheRequestedSnrOnlyInTheNoisySegments() {
        double fs = 360;
        SyntheticRecording syn = synthetic(fs, 600);
        double[] clean = syn.cleanMv();
        long[] beats = java.util.Arrays.stream(syn.rPeakSamples()).asLongStream().toArray();
        Random rnd = new Random(8);
        double[] noise = new double[(int) (fs * 100)];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = 0.3 * rnd.nextGaussian();
        }

        double[] noisy = NoiseStress.corrupt(clean, beats, noise, fs, 6);

        int learning = (int) (300 * fs);
        int seg = (int) (120 * fs);
        for (int i = 0; i < learning; i++) {
            assertThat(noisy[i]).isEqualTo(clean[i]);
        }
        for (int i = learning + seg; i < learning + 2 * seg; i++) {
            assertThat(noisy[i]).isEqualTo(clean[i]);
        }
        double[] added = new double[seg];
        for (int i = 0; i < seg; i++) {
            added[i] = noisy[learning + i] - clean[learning + i];
        }
        double snr = 10 * Math.log10(NoiseStress.signalPower(clean, beats, fs) / NoiseStress.noisePower(added, fs));
        assertThat(snr).isCloseTo(6.0, within(0.3));
    }

    @Test
    void theNoisySegmentsNamedAreExactlyTheSamplesNoiseIsAddedTo() {
        double fs = 250;
        SyntheticRecording syn = synthetic(fs, 900);
        long[] beats = java.util.Arrays.stream(syn.rPeakSamples()).asLongStream().toArray();
        Random rnd = new Random(3);
        double[] noise = new double[(int) (fs * 60)];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = 0.2 * rnd.nextGaussian();
        }

        double[] noisy = NoiseStress.corrupt(syn.cleanMv(), beats, noise, fs, 0);

        for (int i = 0; i < noisy.length; i++) {
            boolean changed = noisy[i] != syn.cleanMv()[i];
            assertThat(NoiseStress.inNoisySegment(i, fs)).as("sample %d", i).isEqualTo(changed);
        }
    }
}
