package io.github.ecgid.model.identify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class VerificationMetricsTest {

    @Test
    void separatedScoresHaveZeroEer() {
        VerificationMetrics v = VerificationMetrics.of(new double[] {0.9, 0.95, 0.8}, new double[] {0.1, 0.2, 0.3});
        assertThat(v.eer()).isEqualTo(0.0);
        assertThat(v.frrAtFar(0.0)).isEqualTo(0.0);
    }

    @Test
    void identicalDistributionsHaveEerNearOneHalf() {
        Random r = new Random(42);
        double[] g = new double[20_000];
        double[] i = new double[20_000];
        for (int k = 0; k < g.length; k++) {
            g[k] = r.nextGaussian();
            i[k] = r.nextGaussian();
        }
        assertThat(VerificationMetrics.of(g, i).eer()).isCloseTo(0.5, within(0.02));
    }

    @Test
    void gaussianScoresGiveTheAnalyticEer() {
        // genuine N(+1,1), impostor N(-1,1): EER = Phi(-1) = 0.158655
        Random r = new Random(7);
        double[] g = new double[50_000];
        double[] i = new double[50_000];
        for (int k = 0; k < g.length; k++) {
            g[k] = 1 + r.nextGaussian();
            i[k] = -1 + r.nextGaussian();
        }
        assertThat(VerificationMetrics.of(g, i).eer()).isCloseTo(0.158655, within(0.006));
    }

    @Test
    void thresholdAtFarAcceptsAtMostTheTargetShareOfImpostors() {
        double[] impostor = new double[1000];
        for (int k = 0; k < impostor.length; k++) {
            impostor[k] = k / 1000.0;
        }
        VerificationMetrics v = VerificationMetrics.of(new double[] {0.5, 0.99, 1.2}, impostor);
        double t = v.thresholdAtFar(0.001);
        assertThat(v.far(t)).isLessThanOrEqualTo(0.001);
        assertThat(v.far(Math.nextDown(Math.nextDown(t)))).isGreaterThan(0.0);
        // only 0.999 of the impostors passes; genuine 0.5 and 0.99 fall below 0.998
        assertThat(v.frr(t)).isCloseTo(2.0 / 3, within(1e-12));
    }
}
