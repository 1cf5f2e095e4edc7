package io.github.ecgid.hrv;

/** Time-domain indices, NeuroKit2 definitions except TINN and the SDANN/SDNNI window ends (see docs/hrv.md). */
final class TimeDomain {

    /** NeuroKit2's histogram bin width: 1/128 s, exact in binary. */
    static final double HISTOGRAM_BIN_MS = 1000.0 / 128.0;

    private TimeDomain() {
    }

    static HrvTime compute(RrSeries series) {
        double[] rr = series.intervalsView();
        int n = rr.length;
        double[] diffs = successiveDifferences(series);

        double meanNn = Stats.mean(rr);
        double sdnn = Stats.std(rr, 1);
        double sumSq = 0;
        int nn50 = 0;
        int nn20 = 0;
        for (double d : diffs) {
            sumSq += d * d;
            double a = Math.abs(d);
            if (a > 50) {
                nn50++;
            }
            if (a > 20) {
                nn20++;
            }
        }
        double rmssd = diffs.length == 0 ? Double.NaN : Math.sqrt(sumSq / diffs.length);
        double sdsd = Stats.std(diffs, 1);

        double[] sorted = Stats.sorted(rr);
        double median = Stats.medianSorted(sorted);
        double[] absDev = new double[n];
        for (int i = 0; i < n; i++) {
            absDev[i] = Math.abs(rr[i] - median);
        }
        double mad = 1.4826 * Stats.medianSorted(Stats.sorted(absDev));
        double iqr = Stats.percentileSorted(sorted, 75) - Stats.percentileSorted(sorted, 25);

        double meanHr = 0;
        for (double v : rr) {
            meanHr += 60000.0 / v;
        }
        meanHr /= n;

        int[] hist = histogram(rr, sorted[n - 1]);
        int peak = 0;
        for (int i = 1; i < hist.length; i++) {
            if (hist[i] > hist[peak]) {
                peak = i;
            }
        }
        double hti = (double) n / hist[peak];
        double tinn = tinn(hist, peak);

        double[] w1 = windowed(series, 1);
        double[] w2 = windowed(series, 2);
        double[] w5 = windowed(series, 5);
        return new HrvTime(meanNn, sdnn, rmssd, sdsd, sdnn / meanNn, rmssd / meanNn, median, mad, mad / median,
                iqr, Stats.percentileSorted(sorted, 20), Stats.percentileSorted(sorted, 80),
                100.0 * nn50 / (diffs.length + 1), 100.0 * nn20 / (diffs.length + 1), sorted[0], sorted[n - 1], hti,
                tinn, w1[0], w1[1], w2[0], w2[1], w5[0], w5[1], meanHr);
    }

    /** Differences {@code rr[i+1] - rr[i]} for the contiguous pairs only. */
    static double[] successiveDifferences(RrSeries series) {
        double[] rr = series.intervalsView();
        double[] d = new double[Math.max(0, rr.length - 1)];
        int k = 0;
        for (int i = 0; i + 1 < rr.length; i++) {
            if (series.isSuccessive(i)) {
                d[k++] = rr[i + 1] - rr[i];
            }
        }
        return k == d.length ? d : java.util.Arrays.copyOf(d, k);
    }

    /**
     * Counts per bin for edges {@code 0, b, 2b, …} up to the first edge at or above the maximum
     * (numpy.histogram with bins = arange(0, max + b, b): the last bin is closed).
     */
    static int[] histogram(double[] rr, double max) {
        int edges = (int) Math.ceil((max + HISTOGRAM_BIN_MS) / HISTOGRAM_BIN_MS);
        int bins = Math.max(1, edges - 1);
        int[] hist = new int[bins];
        for (double v : rr) {
            int b = (int) Math.floor(v / HISTOGRAM_BIN_MS);
            hist[Math.min(b, bins - 1)]++;
        }
        return hist;
    }

    /**
     * Task Force TINN: the triangle with apex at the histogram's peak bin (left edge X, height Y) and base
     * {@code [N, M]} on bin edges that minimises the squared error to the histogram over all bins; TINN = M − N.
     * Both sides are independent given the apex, so each is minimised on its own.
     */
    static double tinn(int[] hist, int peak) {
        double y = hist[peak];
        // triangle evaluated at bin left edges; apex bin contributes (hist[peak] - Y)^2 = 0
        double bestLeft = Double.POSITIVE_INFINITY;
        int bestN = peak;
        for (int nIdx = 0; nIdx <= peak; nIdx++) {
            double err = 0;
            for (int i = 0; i < peak; i++) {
                double q = i <= nIdx ? 0 : y * (i - nIdx) / (double) (peak - nIdx);
                double e = hist[i] - q;
                err += e * e;
            }
            if (err < bestLeft) {
                bestLeft = err;
                bestN = nIdx;
            }
        }
        double bestRight = Double.POSITIVE_INFINITY;
        int bestM = peak + 1;
        for (int mIdx = peak + 1; mIdx <= hist.length; mIdx++) {
            double err = 0;
            for (int i = peak + 1; i < hist.length; i++) {
                double q = i >= mIdx ? 0 : y * (mIdx - i) / (double) (mIdx - peak);
                double e = hist[i] - q;
                err += e * e;
            }
            if (err < bestRight) {
                bestRight = err;
                bestM = mIdx;
            }
        }
        return (bestM - bestN) * HISTOGRAM_BIN_MS;
    }

    /**
     * {SDANN, SDNNI} over consecutive windows of {@code minutes}: windows {@code [k·W, (k+1)·W)} of beat time for
     * k below round(duration / W) (NeuroKit2's count); NaN when fewer than 3 windows. Windows with fewer than 2
     * intervals are skipped.
     */
    static double[] windowed(RrSeries series, int minutes) {
        double[] rr = series.intervalsView();
        double[] t = series.timesView();
        double w = minutes * 60_000.0;
        long nWindows = Math.round(t[t.length - 1] / w);
        if (nWindows < 3) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double[] means = new double[(int) nWindows];
        double sdSum = 0;
        int sdCount = 0;
        int meanCount = 0;
        int i = 0;
        for (int k = 0; k < nWindows; k++) {
            double end = (k + 1) * w;
            int from = i;
            while (i < rr.length && t[i] < end) {
                i++;
            }
            int len = i - from;
            if (len >= 1) {
                means[meanCount++] = Stats.mean(rr, from, i);
            }
            if (len >= 2) {
                sdSum += Stats.std(rr, from, i, 1);
                sdCount++;
            }
        }
        double sdann = Stats.std(java.util.Arrays.copyOf(means, meanCount), 1);
        double sdnni = sdCount == 0 ? Double.NaN : sdSum / sdCount;
        return new double[] {sdann, sdnni};
    }
}
