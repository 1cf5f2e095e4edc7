package io.github.ecgid.hrv;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HrvSpectrumTest {

    @Test
    void spectrumOfA01HzModulatedSeriesPeaksAt01HzAndIntegratesToTheReportedLf() {
        double[] rr = new double[600];
        for (int i = 0; i < rr.length; i++) {
            rr[i] = 800 + 40 * Math.sin(2 * Math.PI * 0.1 * i * 0.8);
        }
        HrvAnalyzer a = HrvAnalyzer.defaults();
        HrvSpectrum s = a.spectrum(RrSeries.ofIntervalsMs(rr));
        double[] f = s.frequencyHz();
        double[] p = s.powerMs2PerHz();
        int peak = 0;
        for (int i = 1; i < p.length; i++) {
            peak = p[i] > p[peak] ? i : peak;
        }
        assertThat(f[peak]).isBetween(0.09, 0.11);
        double lf = 0;
        int prev = -1;
        for (int i = 0; i < f.length; i++) {
            if (f[i] >= 0.04 && f[i] < 0.15) {
                if (prev >= 0) {
                    lf += 0.5 * (p[i] + p[prev]) * (f[i] - f[prev]);
                }
                prev = i;
            }
        }
        assertThat(lf).isEqualTo(a.analyze(RrSeries.ofIntervalsMs(rr)).frequency().lfMs2());
    }
}
