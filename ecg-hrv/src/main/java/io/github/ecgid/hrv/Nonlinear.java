package io.github.ecgid.hrv;

/** Poincaré, entropy and DFA indices. */
final class Nonlinear {

    /** Short-term DFA scales in beats (inclusive). */
    static final int ALPHA1_FROM = 4;
    static final int ALPHA1_TO = 16;
    /** Long-term DFA scales in beats (inclusive). */
    static final int ALPHA2_FROM = 16;
    static final int ALPHA2_TO = 64;

    private Nonlinear() {
    }

    static HrvNonlinear compute(RrSeries series) {
        double[] rr = series.intervalsView();
        int n = rr.length;
        // Poincaré on contiguous pairs only
        double[] minus = new double[n - 1];
        double[] plus = new double[n - 1];
        int k = 0;
        double root2 = Math.sqrt(2);
        for (int i = 0; i + 1 < n; i++) {
            if (series.isSuccessive(i)) {
                minus[k] = (rr[i] - rr[i + 1]) / root2;
                plus[k] = (rr[i] + rr[i + 1]) / root2;
                k++;
            }
        }
        double sd1 = Stats.std(minus, 0, k, 1);
        double sd2 = Stats.std(plus, 0, k, 1);
        double r = 0.2 * Stats.std(rr, 1);
        double[] ent = Entropy.approximateAndSample(rr, r);
        return new HrvNonlinear(sd1, sd2, sd1 / sd2, Math.PI * sd1 * sd2, sd2 / sd1, Math.log10(16 * sd1 * sd2),
                ent[0], ent[1], dfa(rr, ALPHA1_FROM, ALPHA1_TO), dfa(rr, ALPHA2_FROM, ALPHA2_TO));
    }

    /**
     * Detrended fluctuation analysis exponent (DFA1) over window sizes {@code from..to} beats: the profile
     * (cumulative sum of the mean-removed series) is cut into windows overlapping by half (starts
     * {@code 0, w/2, …} below n − w, as NeuroKit2), a least-squares line is removed from each, F(w) is the root of
     * the mean squared residual, and α is the least-squares slope of log F against log w. Zero fluctuations are
     * skipped; NaN when the series is not longer than {@code to} or fewer than two scales remain.
     */
    static double dfa(double[] x, int from, int to) {
        int n = x.length;
        if (n <= to) {
            return Double.NaN;
        }
        double mean = Stats.mean(x);
        double[] profile = new double[n];
        double acc = 0;
        for (int i = 0; i < n; i++) {
            acc += x[i] - mean;
            profile[i] = acc;
        }
        double[] logW = new double[to - from + 1];
        double[] logF = new double[to - from + 1];
        int used = 0;
        for (int w = from; w <= to; w++) {
            int step = w / 2;
            double tMean = (w - 1) / 2.0;
            double stt = w * ((double) w * w - 1) / 12.0;
            double total = 0;
            int segments = 0;
            for (int s = 0; s < n - w; s += step) {
                double ym = 0;
                for (int j = 0; j < w; j++) {
                    ym += profile[s + j];
                }
                ym /= w;
                double sty = 0;
                for (int j = 0; j < w; j++) {
                    sty += (j - tMean) * (profile[s + j] - ym);
                }
                double slope = sty / stt;
                double ss = 0;
                for (int j = 0; j < w; j++) {
                    double res = profile[s + j] - ym - slope * (j - tMean);
                    ss += res * res;
                }
                total += ss / w;
                segments++;
            }
            double f = Math.sqrt(total / segments);
            if (f > 0) {
                logW[used] = Math.log(w);
                logF[used] = Math.log(f);
                used++;
            }
        }
        if (used < 2) {
            return Double.NaN;
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < used; i++) {
            mx += logW[i];
            my += logF[i];
        }
        mx /= used;
        my /= used;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < used; i++) {
            sxy += (logW[i] - mx) * (logF[i] - my);
            sxx += (logW[i] - mx) * (logW[i] - mx);
        }
        return sxy / sxx;
    }
}
