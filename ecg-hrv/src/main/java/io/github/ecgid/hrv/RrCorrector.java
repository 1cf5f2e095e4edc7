package io.github.ecgid.hrv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * RR artefact detection and correction that keeps time gaps: intervals that cannot be repaired are removed from
 * the NN series but the following beats keep their true times, so no successive difference spans the gap.
 *
 * <pre>{@code
 * RrSeries nn = RrCorrector.correct(rr, ArtefactCorrection.LIPPONEN_TARVAINEN);
 * }</pre>
 */
public final class RrCorrector {

    private static final double C1 = 0.13;
    private static final double C2 = 0.17;
    private static final double ALPHA = 5.2;
    private static final int THRESHOLD_WINDOW = 91;
    private static final int MEDIAN_ORDER = 11;

    private RrCorrector() {
    }

    /** Artefact classes found by Lipponen &amp; Tarvainen's decision rules, as beat (peak) indices. */
    public record Artefacts(int[] ectopic, int[] missed, int[] extra, int[] longShort) {
        public Artefacts {
            ectopic = ectopic.clone();
            missed = missed.clone();
            extra = extra.clone();
            longShort = longShort.clone();
        }

        @Override
        public int[] ectopic() {
            return ectopic.clone();
        }

        @Override
        public int[] missed() {
            return missed.clone();
        }

        @Override
        public int[] extra() {
            return extra.clone();
        }

        @Override
        public int[] longShort() {
            return longShort.clone();
        }

        /** Total number of artefacts found. */
        public int total() {
            return ectopic.length + missed.length + extra.length + longShort.length;
        }
    }

    /** The series corrected as {@code method} says; {@link ArtefactCorrection#NONE} returns it unchanged. */
    public static RrSeries correct(RrSeries series, ArtefactCorrection method) {
        switch (method) {
            case NONE:
                return series;
            case MEDIAN_20_PERCENT:
                return medianFilter(series, 0.2);
            case LIPPONEN_TARVAINEN:
                return lipponenTarvainen(series);
            default:
                throw new IllegalArgumentException("Unknown correction " + method);
        }
    }

    /** Drops intervals deviating from the median by more than {@code fraction} of it. */
    static RrSeries medianFilter(RrSeries series, double fraction) {
        double[] rr = series.intervalsView();
        double[] t = series.timesView();
        if (rr.length == 0) {
            return series;
        }
        double med = Stats.medianSorted(Stats.sorted(rr));
        double[] keepRr = new double[rr.length];
        double[] keepT = new double[rr.length];
        int k = 0;
        for (int i = 0; i < rr.length; i++) {
            if (Math.abs(rr[i] - med) <= fraction * med) {
                keepRr[k] = rr[i];
                keepT[k] = t[i];
                k++;
            }
        }
        return new RrSeries(Arrays.copyOf(keepRr, k), Arrays.copyOf(keepT, k));
    }

    /** Lipponen &amp; Tarvainen correction applied to each contiguous run of the series. */
    static RrSeries lipponenTarvainen(RrSeries series) {
        double[] rr = series.intervalsView();
        double[] t = series.timesView();
        List<double[]> outRr = new ArrayList<>();
        List<double[]> outT = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < rr.length; i++) {
            boolean runEnds = i == rr.length - 1 || !series.isSuccessive(i);
            if (runEnds) {
                double[] peaks = new double[i - start + 2];
                peaks[0] = t[start] - rr[start];
                for (int j = start; j <= i; j++) {
                    peaks[j - start + 1] = t[j];
                }
                double[][] fixed = correctRun(peaks);
                outRr.add(fixed == null ? Arrays.copyOfRange(rr, start, i + 1) : fixed[0]);
                outT.add(fixed == null ? Arrays.copyOfRange(t, start, i + 1) : fixed[1]);
                start = i + 1;
            }
        }
        return new RrSeries(concat(outRr), concat(outT));
    }

    private static double[] concat(List<double[]> parts) {
        int n = parts.stream().mapToInt(a -> a.length).sum();
        double[] out = new double[n];
        int k = 0;
        for (double[] a : parts) {
            System.arraycopy(a, 0, out, k, a.length);
            k += a.length;
        }
        return out;
    }

    /** {intervals, times} of one contiguous run given its beat times in ms, or null when nothing changes. */
    private static double[][] correctRun(double[] peaks) {
        int m = peaks.length - 1;
        if (m < 4) {
            return null;
        }
        Artefacts a = detect(peaks);
        if (a.total() == 0) {
            return null; // the caller keeps the run exactly as it was
        }
        boolean[] extra = flags(a.extra(), peaks.length);
        boolean[] missed = flags(a.missed(), peaks.length);
        boolean[] ectopic = new boolean[peaks.length];
        for (int j : a.ectopic()) {
            // the flag sits on the interval whose difference jumps; the displaced beat ends the short interval
            if (j < 1) {
                continue;
            }
            double rrJ = peaks[j] - peaks[j - 1];
            double rrPrev = j >= 2 ? peaks[j - 1] - peaks[j - 2] : rrJ;
            int p = rrJ > rrPrev ? j - 1 : j;
            if (p >= 1 && p < m) {
                ectopic[p] = true;
            }
        }
        // a long/short flag next to an ectopic, extra or missed beat is that beat's other interval, not a new one
        boolean[] explained = new boolean[peaks.length + 1];
        for (int[] list : new int[][] {a.ectopic(), a.extra(), a.missed()}) {
            for (int j : list) {
                for (int d = -1; d <= 1; d++) {
                    if (j + d >= 0 && j + d < peaks.length) {
                        explained[j + d] = true;
                    }
                }
            }
        }
        boolean[] longShort = new boolean[peaks.length];
        for (int j : a.longShort()) {
            longShort[j] = !explained[j];
        }
        double[] rrRaw = new double[peaks.length];
        for (int i = 1; i < peaks.length; i++) {
            rrRaw[i] = peaks[i] - peaks[i - 1];
        }
        double[] med = medianFilter(rrWithFirst(peaks), MEDIAN_ORDER);

        // rebuild beat times; dropEnding[k] marks the interval that ends at new beat k as unusable
        double[] beats = new double[2 * peaks.length];
        boolean[] dropEnding = new boolean[beats.length];
        int k = 0;
        for (int j = 0; j < peaks.length; j++) {
            if (extra[j] && j > 0 && j < m) {
                continue;
            }
            double time = peaks[j];
            if (ectopic[j] && j > 0 && j < m) {
                time = 0.5 * (peaks[j - 1] + peaks[j + 1]);
            }
            if (missed[j] && j > 0 && k > 0) {
                int pieces = (int) Math.max(2, Math.round(rrRaw[j] / Math.max(med[j], 1e-9)));
                pieces = Math.min(pieces, 8);
                double prev = beats[k - 1];
                for (int p = 1; p < pieces; p++) {
                    if (k == beats.length) {
                        beats = Arrays.copyOf(beats, beats.length * 2);
                        dropEnding = Arrays.copyOf(dropEnding, beats.length);
                    }
                    beats[k++] = prev + (time - prev) * p / pieces;
                }
            }
            if (k > 0 && !(time > beats[k - 1])) {
                continue; // a correction collided with the previous beat: keep the earlier one
            }
            if (k == beats.length) {
                beats = Arrays.copyOf(beats, beats.length * 2);
                dropEnding = Arrays.copyOf(dropEnding, beats.length);
            }
            dropEnding[k] = longShort[j];
            beats[k++] = time;
        }
        double[] rr = new double[k - 1];
        double[] tt = new double[k - 1];
        int c = 0;
        for (int i = 1; i < k; i++) {
            if (!dropEnding[i]) {
                rr[c] = beats[i] - beats[i - 1];
                tt[c] = beats[i];
                c++;
            }
        }
        return new double[][] {Arrays.copyOf(rr, c), Arrays.copyOf(tt, c)};
    }

    private static boolean[] flags(int[] idx, int n) {
        boolean[] f = new boolean[n];
        for (int i : idx) {
            f[i] = true;
        }
        return f;
    }

    /** rr[i] = peaks[i] − peaks[i−1], rr[0] = mean of the rest (NeuroKit2's convention). */
    private static double[] rrWithFirst(double[] peaks) {
        double[] rr = new double[peaks.length];
        double s = 0;
        for (int i = 1; i < peaks.length; i++) {
            rr[i] = peaks[i] - peaks[i - 1];
            s += rr[i];
        }
        rr[0] = s / (peaks.length - 1);
        return rr;
    }

    /**
     * Lipponen &amp; Tarvainen (2019) artefact classification of beats given their times (any unit), following
     * NeuroKit2's implementation of the decision flow (its Figure 1).
     */
    public static Artefacts detect(double[] peaks) {
        int size = peaks.length;
        if (size < 5) {
            return new Artefacts(new int[0], new int[0], new int[0], new int[0]);
        }
        double[] rr = rrWithFirst(peaks);
        double[] drrs = new double[size];
        double s = 0;
        for (int i = 1; i < size; i++) {
            drrs[i] = rr[i] - rr[i - 1];
            s += drrs[i];
        }
        drrs[0] = s / (size - 1);
        double[] th1 = threshold(drrs);
        for (int i = 0; i < size; i++) {
            drrs[i] /= th1[i];
        }
        double[] pad = reflectPad(drrs, 2);
        double[] s12 = new double[size];
        double[] s22 = new double[size];
        for (int d = 2; d < size + 2; d++) {
            if (pad[d] > 0) {
                s12[d - 2] = Math.max(pad[d - 1], pad[d + 1]);
            } else if (pad[d] < 0) {
                s12[d - 2] = Math.min(pad[d - 1], pad[d + 1]);
            }
            if (pad[d] >= 0) {
                s22[d - 2] = Math.min(pad[d + 1], pad[d + 2]);
            } else if (pad[d] < 0) {
                s22[d - 2] = Math.max(pad[d + 1], pad[d + 2]);
            }
        }
        double[] medrr = medianFilter(rr, MEDIAN_ORDER);
        double[] mrrs = new double[size];
        for (int i = 0; i < size; i++) {
            mrrs[i] = rr[i] - medrr[i];
            if (mrrs[i] < 0) {
                mrrs[i] *= 2;
            }
        }
        double[] th2 = threshold(mrrs);
        for (int i = 0; i < size; i++) {
            mrrs[i] /= th2[i];
        }
        List<Integer> extra = new ArrayList<>();
        List<Integer> missed = new ArrayList<>();
        List<Integer> ectopic = new ArrayList<>();
        List<Integer> longShort = new ArrayList<>();
        int i = 0;
        while (i < size - 2) {
            if (Math.abs(drrs[i]) <= 1) {
                i++;
                continue;
            }
            boolean eq1 = drrs[i] > 1 && s12[i] < (-C1 * drrs[i] - C2);
            boolean eq2 = drrs[i] < -1 && s12[i] > (-C1 * drrs[i] + C2);
            if (eq1 || eq2) {
                ectopic.add(i);
                i++;
                continue;
            }
            if (!(Math.abs(drrs[i]) > 1 || Math.abs(mrrs[i]) > 3)) {
                i++;
                continue;
            }
            int[] candidates = Math.abs(drrs[i + 1]) < Math.abs(drrs[i + 2]) ? new int[] {i, i + 1} : new int[] {i};
            for (int j : candidates) {
                boolean eq3 = drrs[j] > 1 && s22[j] < -1;
                boolean eq4 = Math.abs(mrrs[j]) > 3;
                boolean eq5 = drrs[j] < -1 && s22[j] > 1;
                if (!(eq3 || eq4 || eq5)) {
                    i++;
                    continue;
                }
                boolean eq6 = Math.abs(rr[j] / 2 - medrr[j]) < th2[j];
                boolean eq7 = Math.abs(rr[j] + rr[j + 1] - medrr[j]) < th2[j];
                if (eq5 && eq7) {
                    extra.add(j);
                    i++;
                    continue;
                }
                if (eq3 && eq6) {
                    missed.add(j);
                    i++;
                    continue;
                }
                longShort.add(j);
                i++;
            }
        }
        return new Artefacts(toArray(ectopic), toArray(missed), toArray(extra), toArray(longShort));
    }

    private static int[] toArray(List<Integer> l) {
        return l.stream().mapToInt(Integer::intValue).toArray();
    }

    /** numpy.pad(x, p, "reflect"). */
    private static double[] reflectPad(double[] x, int p) {
        int n = x.length;
        double[] out = new double[n + 2 * p];
        for (int i = 0; i < out.length; i++) {
            int j = i - p;
            if (j < 0) {
                j = -j;
            } else if (j >= n) {
                j = 2 * (n - 1) - j;
            }
            out[i] = x[Math.max(0, Math.min(n - 1, j))];
        }
        return out;
    }

    /** scipy.signal.medfilt: centred running median with zeros beyond the ends. */
    static double[] medianFilter(double[] x, int order) {
        int n = x.length;
        int h = order / 2;
        double[] win = new double[order];
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            for (int k = -h; k <= h; k++) {
                int j = i + k;
                win[k + h] = (j < 0 || j >= n) ? 0 : x[j];
            }
            Arrays.sort(win);
            out[i] = win[h];
        }
        return out;
    }

    /**
     * α · (Q3 − Q1) / 2 of |x| over a centred 91-beat window (pandas rolling, min_periods 1, linear quantiles),
     * kept sorted incrementally so the cost is O(n · window).
     */
    static double[] threshold(double[] x) {
        int n = x.length;
        int h = THRESHOLD_WINDOW / 2;
        double[] sorted = new double[THRESHOLD_WINDOW + 1];
        int len = 0;
        double[] th = new double[n];
        int lo = 0; // first index in window
        int hi = 0; // one past last index in window
        for (int i = 0; i < n; i++) {
            int wantHi = Math.min(n, i + h + 1);
            int wantLo = Math.max(0, i - h);
            while (lo < wantLo) {
                double v = Math.abs(x[lo++]);
                int at = Arrays.binarySearch(sorted, 0, len, v);
                System.arraycopy(sorted, at + 1, sorted, at, len - at - 1);
                len--;
            }
            while (hi < wantHi) {
                double v = Math.abs(x[hi++]);
                int at = Arrays.binarySearch(sorted, 0, len, v);
                at = at < 0 ? -at - 1 : at;
                System.arraycopy(sorted, at, sorted, at + 1, len - at);
                sorted[at] = v;
                len++;
            }
            th[i] = ALPHA * (Stats.percentileSorted(sorted, len, 75) - Stats.percentileSorted(sorted, len, 25)) / 2;
        }
        return th;
    }
}
