package io.github.ecgid.signal.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ecgid.core.synth.Noise;
import io.github.ecgid.core.synth.SyntheticRecording;
import io.github.ecgid.signal.eval.DetectionScore;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RobustQrsTest {

    @Test
    void isKnownByNameAndLeavesTheOtherDetectorsAsTheyWere() {
        assertThat(RPeakDetectors.byName("robust")).isInstanceOf(RobustQrs.class);
        assertThat(RPeakDetectors.byName("pan-tompkins")).isInstanceOf(PanTompkins.class);
        assertThat(RPeakDetectors.byName("hamilton")).isInstanceOf(Hamilton.class);
        assertThat(RPeakDetectors.names()).contains("robust", "pan-tompkins", "hamilton");
    }

    @Test
    void detectsEveryBeatOfCleanSinusRhythmFromTheFirstSecond() {
        SyntheticRecording rec = Signals.ecg(360, 30, 72, Noise.none(), 3);

        int[] peaks = RobustQrs.create().detect(rec.signalMv(), 360).indexSamples();
        DetectionScore s = Signals.score(rec, peaks, 150);

        assertThat(s.falseNegatives()).isZero();
        assertThat(s.falsePositives()).isZero();
        int firstTruth = rec.rPeakSamples()[0];
        assertThat(firstTruth).isLessThan(360);
        assertThat(Math.abs(peaks[0] - firstTruth)).as("first peak within 50 ms").isLessThanOrEqualTo(18);
    }

    @ParameterizedTest
    @ValueSource(ints = {250, 360, 500})
    void findsTheBeatsOfARealisticRecordingAtCommonRates(int fs) {
        SyntheticRecording rec = Signals.ecg(fs, 120, 80, Noise.realistic(), 11);

        DetectionScore s = Signals.score(rec, RobustQrs.create().detect(rec.signalMv(), fs).indexSamples(), 150);

        assertThat(s.f1()).as("F1 at %d Hz", fs).isGreaterThanOrEqualTo(0.995);
    }

    @Test
    void inBurstsOfHeavyMuscleLikeNoiseMakesFarFewerFalseDetectionsThanPanTompkins() {
        double fs = 360;
        SyntheticRecording rec = Signals.ecg(fs, 240, 70, Noise.none(), 5);
        double[] x = withMuscleBursts(rec, fs, 42L);

        DetectionScore robust = Signals.score(rec, RobustQrs.create().detect(x, fs).indexSamples(), 150);
        DetectionScore pt = Signals.score(rec, PanTompkins.create().detect(x, fs).indexSamples(), 150);

        assertThat(pt.falsePositives()).as("the noise must trouble Pan-Tompkins for this test to mean anything")
                .isGreaterThan(20);
        assertThat(robust.falsePositives()).isLessThan(pt.falsePositives() / 2);
        assertThat(robust.f1()).isGreaterThan(pt.f1());
    }

    @Test
    void restoringASnapshotAnywhereMidStreamGivesTheSamePeaksAsAnUninterruptedRun() {
        double fs = 360;
        SyntheticRecording rec = Signals.ecg(fs, 120, 70, Noise.none(), 9);
        double[] x = withMuscleBursts(rec, fs, 7L);
        RPeakDetector det = RobustQrs.create();
        List<Long> uninterrupted = new ArrayList<>();
        StreamingRPeakDetector whole = det.streaming(fs, uninterrupted::add);
        whole.accept(x, 0, x.length);
        whole.finish();

        // cut points inside the learning phase, and every ~97 ms later on (candidates waiting for their look-ahead)
        for (int cut = 100; cut < x.length; cut += cut < 2000 ? 700 : 3517) {
            List<Long> resumed = new ArrayList<>();
            StreamingRPeakDetector first = det.streaming(fs, resumed::add);
            first.accept(x, 0, cut);
            DetectorSnapshot snap = first.snapshot();
            StreamingRPeakDetector second = det.streaming(fs, resumed::add);
            second.restore(snap);
            second.accept(x, cut, x.length - cut);
            second.finish();

            assertThat(resumed).as("cut at %d", cut).isEqualTo(uninterrupted);
        }
    }

    @Test
    void steadyStateStreamingAllocatesNothingPerSample() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        SyntheticRecording rec = Signals.ecg(250, 120, 75, Noise.realistic(), 17);
        double[] x = rec.signalMv();
        long[] count = new long[1];
        StreamingRPeakDetector s = RobustQrs.create().streaming(250, r -> count[0]++);
        s.accept(x, 0, x.length); // warm up
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        for (int rep = 0; rep < 5; rep++) {
            for (int off = 0; off + 50 <= x.length; off += 50) {
                s.accept(x, off, 50);
            }
        }
        long allocated = mx.getThreadAllocatedBytes(tid) - before;

        assertThat(count[0]).isGreaterThan(500);
        assertThat(allocated).isLessThan(20_000);
    }

    /**
     * The clean recording with seeded bursts of broadband noise (white noise through a one-pole 100 Hz low-pass,
     * amplitude-modulated every 100 ms like muscle activity) in alternating 20 s stretches from 20 s on, with an
     * RMS of 0.3 times the largest QRS deflection (0.15-0.45 as the envelope varies).
     */
    private static double[] withMuscleBursts(SyntheticRecording rec, double fs, long seed) {
        double[] clean = rec.signalMv();
        double pp = 0;
        for (double v : clean) {
            pp = Math.max(pp, Math.abs(v));
        }
        double[] x = clean.clone();
        SplittableRandom rnd = new SplittableRandom(seed);
        double a = Math.exp(-2 * Math.PI * 100 / fs);
        double unit = Math.sqrt((1 + a) / (1 - a)); // the low-pass output to unit variance
        double lp = 0;
        double env = 1;
        for (int i = 0; i < x.length; i++) {
            lp = a * lp + (1 - a) * rnd.nextGaussian();
            if (i % (int) (fs / 10) == 0) {
                env = 0.5 + rnd.nextDouble();
            }
            double t = i / fs;
            if (t >= 20 && ((int) (t / 20)) % 2 == 1) {
                x[i] += 0.3 * pp * env * lp * unit;
            }
        }
        return x;
    }
}
