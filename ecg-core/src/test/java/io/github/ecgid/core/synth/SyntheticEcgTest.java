package io.github.ecgid.core.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.ecgid.core.EcgRecord;
import io.github.ecgid.core.EcgSignalException;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SyntheticEcgTest {

    private static SyntheticEcg.Builder base() {
        return SyntheticEcg.builder().person(PersonProfile.of(3, 42)).sessionSeed(7);
    }

    @ParameterizedTest
    @ValueSource(doubles = {45, 70, 120, 170})
    void meanRrIntervalMatchesRequestedHeartRate(double bpm) {
        SyntheticRecording rec = base().durationSeconds(120).heartRateBpm(bpm).build().generate();

        double meanRr = Arrays.stream(rec.rrIntervalsSeconds()).average().orElseThrow();

        assertThat(60 / meanRr).isCloseTo(bpm, within(bpm * 0.015));
        assertThat(rec.heartRateBpm()).isEqualTo(bpm);
    }

    @ParameterizedTest
    @ValueSource(doubles = {100, 128, 250, 360, 500, 1000, 2000})
    void rPeakTruthIsTheLocalMaximumOfTheCleanRWave(double fs) {
        SyntheticRecording rec = base().samplingRateHz(fs).durationSeconds(20).build().generate();
        double[] clean = rec.cleanMv();
        int halfWindow = (int) Math.ceil(0.06 * fs); // wider than a QRS complex

        assertThat(rec.beatCount()).isGreaterThan(15);
        for (int p : rec.rPeakSamples()) {
            assertThat(clean[p]).isGreaterThanOrEqualTo(clean[p - 1]).isGreaterThanOrEqualTo(clean[p + 1]);
            for (int i = Math.max(0, p - halfWindow); i <= Math.min(clean.length - 1, p + halfWindow); i++) {
                assertThat(clean[i]).as("sample %d near R peak %d at %s Hz", i, p, fs).isLessThanOrEqualTo(clean[p]);
            }
        }
    }

    @Test
    void rPeaksFallAtTheSameTimesWhateverTheSamplingRate() {
        int[] at250 = base().samplingRateHz(250).durationSeconds(30).build().generate().rPeakSamples();
        int[] at1000 = base().samplingRateHz(1000).durationSeconds(30).build().generate().rPeakSamples();

        assertThat(at1000).hasSameSizeAs(at250);
        for (int i = 0; i < at250.length; i++) {
            assertThat(at1000[i] / 1000.0).isCloseTo(at250[i] / 250.0, within(1.5 / 250));
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {100, 250, 257.5, 360, 500, 2000})
    void anySamplingRateGivesTheRequestedLengthAndRate(double fs) {
        EcgRecord rec = base().samplingRateHz(fs).durationSeconds(8).build().generate().record();

        assertThat(rec.samplingRateHz()).isEqualTo(fs);
        assertThat(rec.length()).isEqualTo((int) Math.round(8 * fs));
        assertThat(Arrays.stream(rec.lead(0)).allMatch(Double::isFinite)).isTrue();
    }

    @Test
    void sameSettingsGiveIdenticalRecordings() {
        SyntheticEcg gen = base().durationSeconds(30).noise(Noise.realistic()).build();

        assertThat(gen.generate()).isEqualTo(gen.generate());
        assertThat(base().durationSeconds(30).noise(Noise.realistic()).build().generate().signalMv())
                .containsExactly(gen.generate().signalMv());
    }

    /**
     * Pins the exact output: other modules' tests and documented figures are computed on synthetic data, so a
     * change here must be deliberate (update the numbers and say why in the commit). StrictMath and Random make
     * the values the same on every platform.
     */
    @Test
    void outputIsBitForBitStable() {
        SyntheticRecording rec = base().durationSeconds(10).noise(Noise.realistic()).build().generate();

        assertThat(rec.rPeakSamples()).containsExactly(110, 323, 531, 746, 974, 1206, 1427, 1634, 1839, 2051, 2273);
        assertThat(rec.heartRateBpm()).isEqualTo(68.6964685347323);
        assertThat(rec.signalMv()[1000]).isEqualTo(-0.305884428434449);
        assertThat(Arrays.hashCode(rec.cleanMv())).isEqualTo(-1497127054);
        assertThat(Arrays.hashCode(rec.signalMv())).isEqualTo(1614738201);
    }

    @Test
    void otherSessionSeedChangesRhythmButKeepsThePerson() {
        SyntheticRecording a = base().durationSeconds(30).build().generate();
        SyntheticRecording b = base().sessionSeed(8).durationSeconds(30).build().generate();

        assertThat(b.heartRateBpm()).isNotEqualTo(a.heartRateBpm());
        assertThat(b.rPeakSamples()).isNotEqualTo(a.rPeakSamples());
        assertThat(b.person()).isEqualTo(a.person());
    }

    @Test
    void rWaveHeightIsThePersonsAmplitudeInMillivolts() {
        PersonProfile person = PersonProfile.of(5, 1);
        SyntheticRecording rec = SyntheticEcg.builder().person(person).durationSeconds(30).build().generate();
        double[] clean = rec.cleanMv();
        double[] heights = Arrays.stream(rec.rPeakSamples()).mapToDouble(p -> clean[p]).sorted().toArray();

        assertThat(person.rAmplitudeMv()).isBetween(1.0, 1.6);
        // session gain (about +-4 %) and respiratory modulation (2-5 %) are the only differences
        assertThat(heights[heights.length / 2]).isCloseTo(person.rAmplitudeMv(), within(0.15 * person.rAmplitudeMv()));
    }

    @Test
    void recordingShorterThanABeatIsStillInMillivolts() {
        SyntheticRecording rec = SyntheticEcg.builder().durationSeconds(0.3).heartRateBpm(60).build().generate();
        double[] clean = rec.cleanMv();

        assertThat(clean).hasSize(75);
        assertThat(rec.beatCount()).isZero();
        assertThat(Arrays.stream(clean).allMatch(Double::isFinite)).isTrue();
        // 0.3 s in, the standard beat is in its P wave: small and positive, not rescaled to the R amplitude
        assertThat(Arrays.stream(clean).max().orElseThrow()).isBetween(0.05, 0.4);
    }

    @Test
    void standardMorphologyLooksLikeATextbookBeat() {
        SyntheticRecording rec = SyntheticEcg.builder().heartRateBpm(60).heartRateStdBpm(0).durationSeconds(10)
                .build().generate();
        double[] clean = rec.cleanMv();
        double fs = rec.samplingRateHz();
        int r = rec.rPeakSamples()[3];
        double qMin = min(clean, r - (int) (0.06 * fs), r);
        double sMin = min(clean, r, r + (int) (0.06 * fs));
        double pMax = max(clean, r - (int) (0.30 * fs), r - (int) (0.10 * fs));
        double tMax = max(clean, r + (int) (0.15 * fs), r + (int) (0.45 * fs));

        assertThat(clean[r]).isCloseTo(1.2, within(0.1));
        assertThat(qMin).isNegative();
        assertThat(sMin).isLessThan(qMin);
        assertThat(pMax).isBetween(0.05, 0.5);
        assertThat(tMax).isBetween(pMax, clean[r] * 0.7);
    }

    @Test
    void beatAnnotationsAreNormalBeatsAtTheRPeaks() {
        SyntheticRecording rec = base().durationSeconds(20).build().generate();

        assertThat(rec.record().annotations().countBySymbol()).containsOnlyKeys("N");
        assertThat(rec.record().annotations().beatSamples())
                .containsExactly(Arrays.stream(rec.rPeakSamples()).asLongStream().toArray());
    }

    @Test
    void noiseLeavesTheCleanSignalAndTruthUnchanged() {
        SyntheticRecording clean = base().durationSeconds(20).build().generate();
        SyntheticRecording noisy = base().durationSeconds(20).noise(Noise.realistic()).build().generate();

        assertThat(noisy.cleanMv()).containsExactly(clean.cleanMv());
        assertThat(noisy.rPeakSamples()).containsExactly(clean.rPeakSamples());
        assertThat(noisy.signalMv()).isNotEqualTo(clean.signalMv());
        assertThat(clean.signalMv()).containsExactly(clean.cleanMv());
    }

    @Test
    void rrSeriesHasMayerWaveAndRespiratoryPeaksInTheRequestedRatio() {
        SyntheticRecording rec = base().durationSeconds(600).heartRateBpm(65).heartRateStdBpm(3)
                .lfHfRatio(1.5).respirationHz(0.25).build().generate();
        RrSpectrum s = RrSpectrum.of(rec);

        double lf = s.power(0.04, 0.15);
        double hf = s.power(0.15, 0.40);
        assertThat(s.peakHz(0.04, 0.15)).isCloseTo(0.10, within(0.015));
        assertThat(s.peakHz(0.15, 0.40)).isCloseTo(0.25, within(0.015));
        assertThat(lf / hf).isCloseTo(1.5, within(0.4));
        // the gaps between and beyond the peaks are nearly empty
        assertThat(s.power(0.15, 0.20) + s.power(0.30, 0.45)).isLessThan(0.05 * (lf + hf));
    }

    @Test
    void heartRateStandardDeviationSetsRrVariability() {
        double[] rr = base().durationSeconds(600).heartRateBpm(60).heartRateStdBpm(3).build().generate()
                .rrIntervalsSeconds();
        double mean = Arrays.stream(rr).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(rr).map(v -> (v - mean) * (v - mean)).sum() / rr.length);

        // 3 bpm at 60 bpm is 50 ms; R peaks are rounded to 4 ms samples
        assertThat(sd).isCloseTo(0.050, within(0.012));
    }

    @Test
    void rejectsSettingsOutsideTheSupportedRanges() {
        assertThatThrownBy(() -> SyntheticEcg.builder().samplingRateHz(10)).isInstanceOf(EcgSignalException.class)
                .hasMessageContaining("10.0 Hz");
        assertThatThrownBy(() -> SyntheticEcg.builder().durationSeconds(Double.NaN))
                .isInstanceOf(EcgSignalException.class).hasMessageContaining("duration");
        assertThatThrownBy(() -> SyntheticEcg.builder().heartRateBpm(250)).isInstanceOf(EcgSignalException.class)
                .hasMessageContaining("250");
        assertThatThrownBy(() -> SyntheticEcg.builder().samplingRateHz(100).durationSeconds(0.01).build())
                .isInstanceOf(EcgSignalException.class).hasMessageContaining("at least 2 samples");
    }

    private static double min(double[] x, int from, int to) {
        return Arrays.stream(x, from, to).min().orElseThrow();
    }

    private static double max(double[] x, int from, int to) {
        return Arrays.stream(x, from, to).max().orElseThrow();
    }

    /** Periodogram of the RR series resampled at 4 Hz (linear interpolation), mean removed, Hann window. */
    private record RrSpectrum(double[] freqHz, double[] power) {
        static RrSpectrum of(SyntheticRecording rec) {
            int[] peaks = rec.rPeakSamples();
            double fs = rec.samplingRateHz();
            double[] rr = rec.rrIntervalsSeconds();
            double[] t = new double[rr.length];
            for (int i = 0; i < rr.length; i++) {
                t[i] = peaks[i + 1] / fs;
            }
            int n = (int) ((t[t.length - 1] - t[0]) * 4);
            double[] x = new double[n];
            int j = 0;
            for (int i = 0; i < n; i++) {
                double ti = t[0] + i / 4.0;
                while (j + 2 < t.length && t[j + 1] < ti) {
                    j++;
                }
                double w = (ti - t[j]) / (t[j + 1] - t[j]);
                x[i] = rr[j] + w * (rr[j + 1] - rr[j]);
            }
            double mean = Arrays.stream(x).average().orElseThrow();
            for (int i = 0; i < n; i++) {
                x[i] = (x[i] - mean) * (0.5 - 0.5 * Math.cos(2 * Math.PI * i / (n - 1)));
            }
            int bins = n / 2;
            double[] f = new double[bins];
            double[] p = new double[bins];
            for (int k = 1; k < bins; k++) {
                double re = 0;
                double im = 0;
                for (int i = 0; i < n; i++) {
                    double ang = 2 * Math.PI * k * i / n;
                    re += x[i] * Math.cos(ang);
                    im -= x[i] * Math.sin(ang);
                }
                f[k] = k * 4.0 / n;
                p[k] = re * re + im * im;
            }
            return new RrSpectrum(f, p);
        }

        double power(double fromHz, double toHz) {
            double s = 0;
            for (int k = 0; k < freqHz.length; k++) {
                if (freqHz[k] >= fromHz && freqHz[k] < toHz) {
                    s += power[k];
                }
            }
            return s;
        }

        double peakHz(double fromHz, double toHz) {
            int best = -1;
            for (int k = 0; k < freqHz.length; k++) {
                if (freqHz[k] >= fromHz && freqHz[k] < toHz && (best < 0 || power[k] > power[best])) {
                    best = k;
                }
            }
            return freqHz[best];
        }
    }
}
