package io.github.ecgid.core.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ecgid.core.EcgSignalException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticCohortTest {

    private static final int PERSONS = 8;
    private static final int SESSIONS = 3;

    @Test
    void everySessionIsMatchedToItsOwnPersonByMeanBeatShape() {
        SyntheticCohort cohort = SyntheticCohort.of(PERSONS, 2024).withSessions(SESSIONS).withDurationSeconds(40);
        double[][][] beats = new double[PERSONS][SESSIONS][];
        for (int p = 0; p < PERSONS; p++) {
            for (int s = 0; s < SESSIONS; s++) {
                beats[p][s] = meanBeat(cohort.recording(p + 1, s + 1));
            }
        }

        double within = 0;
        double between = 0;
        int nWithin = 0;
        int nBetween = 0;
        for (int p = 0; p < PERSONS; p++) {
            for (int s = 0; s < SESSIONS; s++) {
                int bestPerson = -1;
                double best = Double.MAX_VALUE;
                for (int q = 0; q < PERSONS; q++) {
                    for (int u = 0; u < SESSIONS; u++) {
                        if (q == p && u == s) {
                            continue;
                        }
                        double d = distance(beats[p][s], beats[q][u]);
                        if (q == p) {
                            within += d;
                            nWithin++;
                        } else {
                            between += d;
                            nBetween++;
                        }
                        if (d < best) {
                            best = d;
                            bestPerson = q;
                        }
                    }
                }
                assertThat(bestPerson).as("nearest mean beat to person %d session %d", p + 1, s + 1).isEqualTo(p);
            }
        }
        assertThat(within / nWithin).isLessThan(0.3 * between / nBetween);
    }

    @Test
    void sameCohortSettingsGiveTheSameRecordings() {
        SyntheticCohort a = SyntheticCohort.of(2, 5).withDurationSeconds(10);
        SyntheticCohort b = SyntheticCohort.of(2, 5).withDurationSeconds(10);

        assertThat(a.generate()).isEqualTo(b.generate());
        assertThat(a.recording(1, 1)).isNotEqualTo(a.recording(1, 2));
    }

    @Test
    void generatesPersonMajorOrderWithTheCohortsSettings() {
        SyntheticCohort cohort = SyntheticCohort.of(3, 9).withSessions(2).withDurationSeconds(5)
                .withSamplingRateHz(500).withNoise(Noise.none());
        List<SyntheticRecording> all = cohort.generate();

        assertThat(all).hasSize(6);
        assertThat(all).extracting(r -> r.person().personId()).containsExactly(1, 1, 2, 2, 3, 3);
        assertThat(all).allSatisfy(r -> {
            assertThat(r.samplingRateHz()).isEqualTo(500);
            assertThat(r.record().length()).isEqualTo(2500);
        });
        assertThat(all.get(1).sessionSeed()).isEqualTo(cohort.sessionSeed(1, 2));
    }

    @Test
    void rejectsPersonsAndSessionsOutsideTheCohort() {
        SyntheticCohort cohort = SyntheticCohort.of(2, 1);

        assertThatThrownBy(() -> cohort.recording(3, 1)).isInstanceOf(EcgSignalException.class)
                .hasMessageContaining("Person 3 outside 1..2");
        assertThatThrownBy(() -> cohort.recording(1, 0)).isInstanceOf(EcgSignalException.class)
                .hasMessageContaining("Session 0");
        assertThatThrownBy(() -> SyntheticCohort.of(0, 1)).isInstanceOf(EcgSignalException.class);
    }

    /** Average of 0.7 s windows (0.25 s before to 0.45 s after each true R peak), each minus its own median. */
    static double[] meanBeat(SyntheticRecording rec) {
        double fs = rec.samplingRateHz();
        int before = (int) (0.25 * fs);
        int after = (int) (0.45 * fs);
        double[] x = rec.signalMv();
        double[] sum = new double[before + after];
        int count = 0;
        for (int p : rec.rPeakSamples()) {
            if (p - before < 0 || p + after > x.length) {
                continue;
            }
            double[] w = java.util.Arrays.copyOfRange(x, p - before, p + after);
            double[] sorted = w.clone();
            java.util.Arrays.sort(sorted);
            double median = sorted[sorted.length / 2];
            for (int i = 0; i < w.length; i++) {
                sum[i] += w[i] - median;
            }
            count++;
        }
        for (int i = 0; i < sum.length; i++) {
            sum[i] /= count;
        }
        return sum;
    }

    static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s / a.length);
    }
}
