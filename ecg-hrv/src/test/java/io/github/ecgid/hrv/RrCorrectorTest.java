package io.github.ecgid.hrv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RrCorrectorTest {

    /** 400 beat times in ms: RR 800 ms with 0.1 Hz and 0.25 Hz modulation and 4 ms noise, seeded. */
    private static double[] beats(long seed) {
        Random rnd = new Random(seed);
        double[] t = new double[401];
        for (int i = 1; i < t.length; i++) {
            double s = t[i - 1] / 1000;
            t[i] = t[i - 1] + 800 + 30 * Math.sin(2 * Math.PI * 0.1 * s) + 15 * Math.sin(2 * Math.PI * 0.25 * s)
                    + 4 * rnd.nextGaussian();
        }
        return t;
    }

    private static double[] without(double[] t, int index) {
        double[] out = new double[t.length - 1];
        System.arraycopy(t, 0, out, 0, index);
        System.arraycopy(t, index + 1, out, index, t.length - index - 1);
        return out;
    }

    private static double[] with(double[] t, int before, double time) {
        double[] out = new double[t.length + 1];
        System.arraycopy(t, 0, out, 0, before);
        out[before] = time;
        System.arraycopy(t, before, out, before + 1, t.length - before);
        return out;
    }

    @Test
    void missedBeatIsDetectedAndReinsertedMidway() {
        double[] truth = beats(1);
        double[] t = without(truth, 200);
        RrCorrector.Artefacts a = RrCorrector.detect(t);
        assertThat(a.missed()).containsExactly(200);
        RrSeries fixed = RrCorrector.correct(RrSeries.fromBeatTimesMs(t), ArtefactCorrection.LIPPONEN_TARVAINEN);
        assertThat(fixed.size()).isEqualTo(400);
        assertThat(fixed.isContiguous()).isTrue();
        assertThat(fixed.intervalMs(199)).isCloseTo((truth[201] - truth[199]) / 2, within(1e-9));
    }

    @Test
    void extraBeatIsDetectedAndRemoved() {
        double[] truth = beats(2);
        double[] t = with(truth, 150, truth[149] + 300);
        RrCorrector.Artefacts a = RrCorrector.detect(t);
        assertThat(a.extra()).containsExactly(150);
        RrSeries fixed = RrCorrector.correct(RrSeries.fromBeatTimesMs(t), ArtefactCorrection.LIPPONEN_TARVAINEN);
        assertThat(fixed.intervalsMs()).containsExactly(RrSeries.fromBeatTimesMs(truth).intervalsMs(), within(1e-9));
        assertThat(fixed.isContiguous()).isTrue();
    }

    @Test
    void ectopicBeatIsMovedToTheMidpointOfItsNeighbours() {
        double[] t = beats(3);
        double original = t[100];
        t[100] = t[99] + 0.7 * (t[101] - t[99]) / 2; // premature beat, compensatory pause after it
        RrCorrector.Artefacts a = RrCorrector.detect(t);
        assertThat(a.ectopic()).containsAnyOf(100, 101);
        RrSeries fixed = RrCorrector.correct(RrSeries.fromBeatTimesMs(t), ArtefactCorrection.LIPPONEN_TARVAINEN);
        assertThat(fixed.size()).isEqualTo(400);
        assertThat(fixed.intervalMs(99)).isCloseTo(fixed.intervalMs(100), within(1e-9));
        assertThat(Math.abs(fixed.timesMs()[99] - original)).isLessThan(60);
    }

    @Test
    void unexplainedLongIntervalIsDroppedButItsTimeKeptAsAGap() {
        double[] t = beats(4);
        for (int i = 250; i < t.length; i++) {
            t[i] += 500; // one 1300 ms pause: too long for normal, too short for a missed beat
        }
        RrSeries raw = RrSeries.fromBeatTimesMs(t);
        RrSeries fixed = RrCorrector.correct(raw, ArtefactCorrection.LIPPONEN_TARVAINEN);
        assertThat(fixed.size()).isEqualTo(399);
        assertThat(fixed.isContiguous()).isFalse();
        assertThat(fixed.durationSeconds()).isEqualTo(raw.durationSeconds());
        assertThat(java.util.Arrays.stream(fixed.intervalsMs()).max().orElseThrow()).isLessThan(1000);
    }

    @Test
    void cleanSeriesIsLeftUnchanged() {
        RrSeries raw = RrSeries.fromBeatTimesMs(beats(5));
        assertThat(RrCorrector.detect(with(beats(5), 0, -800)).total()).isZero();
        assertThat(RrCorrector.correct(raw, ArtefactCorrection.LIPPONEN_TARVAINEN)).isEqualTo(raw);
    }

    @Test
    void medianFilterDropsIntervalsBeyondTwentyPercentAndKeepsTheGap() {
        RrSeries raw = RrSeries.ofIntervalsMs(800, 810, 790, 1300, 805, 795, 500, 800);
        RrSeries fixed = RrCorrector.correct(raw, ArtefactCorrection.MEDIAN_20_PERCENT);
        assertThat(fixed.intervalsMs()).containsExactly(800, 810, 790, 805, 795, 800);
        assertThat(fixed.isSuccessive(2)).isFalse();
        assertThat(fixed.timesMs()[3]).isEqualTo(raw.timesMs()[4]);
    }
}
