package io.github.ecgid.hrv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.ecgid.core.EcgSignalException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HrvAnalyticTest {

    @Test
    void constantRrHasNoVariability() {
        double[] rr = new double[300];
        Arrays.fill(rr, 800);
        HrvReport r = HrvAnalyzer.defaults().analyzeIntervalsMs(rr);
        assertThat(r.time().sdnnMs()).isZero();
        assertThat(r.time().rmssdMs()).isZero();
        assertThat(r.time().meanNnMs()).isEqualTo(800);
        assertThat(r.time().meanHrBpm()).isCloseTo(75, within(1e-12));
        assertThat(r.time().pnn50Percent()).isZero();
    }

    /** RR(t) = 800 + A sin(2π 0.1 t): all of the modulation's power A²/2 belongs in LF. */
    static RrSeries sineModulated(double amplitudeMs, double frequencyHz, double durationS) {
        double[] rr = new double[(int) (durationS * 2)];
        double t = 0;
        int n = 0;
        while (t < durationS * 1000) {
            double v = 800 + amplitudeMs * Math.sin(2 * Math.PI * frequencyHz * t / 1000);
            rr[n++] = v;
            t += v;
        }
        return RrSeries.ofIntervalsMs(Arrays.copyOf(rr, n));
    }

    @Test
    void sineAtPointOneHertzPutsItsPowerInLfForWelch() {
        HrvFrequency f = HrvAnalyzer.defaults().analyze(sineModulated(50, 0.1, 300)).frequency();
        assertThat(f.lfMs2() / (f.lfMs2() + f.hfMs2())).isGreaterThanOrEqualTo(0.95);
        assertThat(f.lfMs2()).isCloseTo(50 * 50 / 2.0, within(0.05 * 1250));
    }

    @Test
    void sineAtPointOneHertzPutsItsPowerInLfForLombScargle() {
        HrvAnalyzer lomb = HrvAnalyzer.builder().psdMethod(PsdMethod.LOMB_SCARGLE).build();
        HrvFrequency f = lomb.analyze(sineModulated(50, 0.1, 300)).frequency();
        assertThat(f.lfMs2() / (f.lfMs2() + f.hfMs2())).isGreaterThanOrEqualTo(0.95);
        assertThat(f.lfMs2()).isCloseTo(1250, within(0.05 * 1250));
    }

    @Test
    void sineAtPointTwoFiveHertzLandsInHf() {
        HrvFrequency f = HrvAnalyzer.defaults().analyze(sineModulated(30, 0.25, 300)).frequency();
        assertThat(f.hfMs2() / (f.lfMs2() + f.hfMs2())).isGreaterThanOrEqualTo(0.95);
        assertThat(f.hfMs2()).isCloseTo(450, within(0.05 * 450));
    }

    @Test
    void whiteNoiseHasLongTermDfaExponentOneHalf() {
        Random rnd = new Random(42);
        double[] x = new double[30000];
        for (int i = 0; i < x.length; i++) {
            x[i] = 800 + 30 * rnd.nextGaussian();
        }
        assertThat(Nonlinear.dfa(x, 16, 64)).isCloseTo(0.5, within(0.05));
    }

    @Test
    void brownianNoiseHasDfaExponentsOneAndAHalf() {
        Random rnd = new Random(7);
        double[] x = new double[30000];
        double acc = 0;
        for (int i = 0; i < x.length; i++) {
            acc += rnd.nextGaussian();
            x[i] = 800 + acc;
        }
        assertThat(Nonlinear.dfa(x, 4, 16)).isCloseTo(1.5, within(0.05));
        assertThat(Nonlinear.dfa(x, 16, 64)).isCloseTo(1.5, within(0.05));
    }

    @Test
    void periodicSeriesHasSampleEntropyNearZero() {
        double[] rr = new double[1000];
        for (int i = 0; i < rr.length; i++) {
            rr[i] = 800 + 50 * Math.sin(2 * Math.PI * i / 10.0);
        }
        HrvNonlinear n = HrvAnalyzer.defaults().analyzeIntervalsMs(rr).nonlinear();
        assertThat(n.sampEn()).isCloseTo(0, within(0.01));
        assertThat(n.apEn()).isCloseTo(0, within(0.05));
    }

    @Test
    void fewerThanThreeIntervalsGiveAnEmptyReportWithTheReason() {
        HrvReport r = HrvAnalyzer.defaults().analyzeIntervalsMs(800, 810);
        assertThat(r.isEmpty()).isTrue();
        assertThat(r.emptyReason()).hasValueSatisfying(s -> assertThat(s).contains("at least 3").contains("got 2"));
        assertThat(r.asMap()).hasSize(45).allSatisfy((k, v) -> assertThat(v).isNaN());
    }

    @Test
    void shortSeriesGiveTimeDomainAndNaNWhereTooShortWithoutFailing() {
        Random rnd = new Random(11);
        for (int n = 3; n <= 70; n++) {
            double[] rr = new double[n];
            for (int i = 0; i < n; i++) {
                rr[i] = 700 + 200 * rnd.nextDouble();
            }
            HrvReport r = HrvAnalyzer.defaults().analyzeIntervalsMs(rr);
            assertThat(r.isEmpty()).isFalse();
            assertThat(r.time().sdnnMs()).as("n=%d", n).isPositive();
            if (n <= 64) {
                assertThat(r.nonlinear().dfaAlpha2()).as("n=%d", n).isNaN();
            } else {
                assertThat(r.nonlinear().dfaAlpha2()).as("n=%d", n).isFinite();
            }
            assertThat(r.time().sdann1Ms()).isNaN();
        }
    }

    @Test
    void nanIntervalIsATypedErrorNamingItsIndex() {
        assertThatThrownBy(() -> RrSeries.ofIntervalsMs(800, Double.NaN, 810))
                .isInstanceOf(EcgSignalException.class).hasMessageContaining("interval 1").hasMessageContaining("NaN");
    }

    @Test
    void negativeIntervalIsATypedError() {
        assertThatThrownBy(() -> RrSeries.ofIntervalsMs(800, 790, -5))
                .isInstanceOf(EcgSignalException.class).hasMessageContaining("interval 2").hasMessageContaining("positive");
    }

    @Test
    void peaksThatDoNotIncreaseAreATypedError() {
        assertThatThrownBy(() -> RrSeries.fromPeaks(new long[] {10, 250, 240}, 250))
                .isInstanceOf(EcgSignalException.class).hasMessageContaining("strictly increase");
    }

    @Test
    void peaksBecomeIntervalsInMilliseconds() {
        RrSeries rr = RrSeries.fromPeaks(new long[] {100, 300, 525}, 250);
        assertThat(rr.intervalsMs()).containsExactly(800, 900);
        assertThat(rr.timesMs()).containsExactly(800, 1700);
    }

    @Test
    void successiveDifferencesSkipTimeGaps() {
        // 800, 800, [gap of one 2000 ms pause], 900, 900: the 800 -> 900 jump spans the gap and is not a difference
        RrSeries rr = new RrSeries(new double[] {800, 800, 900, 900}, new double[] {800, 1600, 4500, 5400});
        HrvTime t = HrvAnalyzer.defaults().analyze(rr).time();
        assertThat(t.rmssdMs()).isZero();
        assertThat(t.sdnnMs()).isGreaterThan(50);
    }

    @Test
    void asMapUsesNeuroKitNamesInAFixedOrder() {
        HrvReport r = HrvAnalyzer.defaults().analyze(sineModulated(40, 0.1, 300));
        assertThat(r.asMap().keySet()).startsWith("HRV_MeanNN", "HRV_SDNN").endsWith("HRV_DFA_alpha2")
                .contains("HRV_RMSSD", "HRV_LF", "HRV_HF", "HRV_LFHF", "HRV_SampEn", "HRV_DFA_alpha1", "HRV_MeanHR");
        assertThat(r.asMap().get("HRV_RMSSD")).isEqualTo(r.time().rmssdMs());
    }
}
