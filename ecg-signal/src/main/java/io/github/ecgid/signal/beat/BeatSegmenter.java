package io.github.ecgid.signal.beat;

import io.github.ecgid.core.EcgSignalException;
import io.github.ecgid.signal.filter.DcRemoval;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Cuts a fixed window around each R-peak, resamples it to a fixed length for any sampling rate and z-scores
 * it, as the origin system did: {@code x[r - floor(0.25 fs) .. r + floor(0.45 fs))}, 175 samples.
 *
 * <p>Resampling: a natural cubic spline (second derivative 0 at both ends) through the window's {@code n}
 * samples is evaluated at the {@code beatLength} equally spaced positions {@code j (n-1)/(beatLength-1)}, so the
 * first and last samples are kept, like the seed's cubic interpolation onto {@code linspace(0, n-1, 175)}.
 * Beats whose window leaves the signal are dropped ({@link Beats.Reason#EDGE}); with an optional
 * {@link QualityGate}, flat, saturated, out-of-range and atypical beats are dropped too. Every drop is recorded
 * with its reason.
 *
 * <pre>{@code
 * Beats beats = BeatSegmenter.seed(360.0).segment(mv, rPeaks);
 * Beats clean = BeatSegmenter.seed(360.0).withQualityGate(QualityGate.defaults()).segment(mv, rPeaks);
 * }</pre>
 */
public final class BeatSegmenter {

    private final double samplingRateHz;
    private final double beforeSeconds;
    private final double afterSeconds;
    private final int beatLength;
    private final boolean zScore;
    private final QualityGate gate;

    private BeatSegmenter(double samplingRateHz, double beforeSeconds, double afterSeconds, int beatLength,
                          boolean zScore, QualityGate gate) {
        if (!(samplingRateHz > 0) || Double.isInfinite(samplingRateHz)) {
            throw new EcgSignalException("Sampling rate must be positive and finite, got " + samplingRateHz);
        }
        this.samplingRateHz = samplingRateHz;
        this.beforeSeconds = beforeSeconds;
        this.afterSeconds = afterSeconds;
        this.beatLength = beatLength;
        this.zScore = zScore;
        this.gate = gate;
        if (beforeSamples() + afterSamples() < 4) {
            throw new EcgSignalException("A beat window of " + (beforeSeconds + afterSeconds) + " s at "
                    + samplingRateHz + " Hz has fewer than 4 samples");
        }
    }

    /** The origin system's segmentation at a sampling rate: 0.25 s before, 0.45 s after, 175 samples, z-scored. */
    public static BeatSegmenter seed(double samplingRateHz) {
        return builder(samplingRateHz).build();
    }

    public static Builder builder(double samplingRateHz) {
        return new Builder(samplingRateHz);
    }

    /** The same segmenter with a quality gate (null for none). */
    public BeatSegmenter withQualityGate(QualityGate qualityGate) {
        return new BeatSegmenter(samplingRateHz, beforeSeconds, afterSeconds, beatLength, zScore, qualityGate);
    }

    /** Samples per beat. */
    public int beatLength() {
        return beatLength;
    }

    private int beforeSamples() {
        return (int) Math.floor(beforeSeconds * samplingRateHz + 1e-9);
    }

    private int afterSamples() {
        return (int) Math.floor(afterSeconds * samplingRateHz + 1e-9);
    }

    /**
     * Cuts the beats.
     *
     * @param samplesMv    one lead in mV, at this segmenter's sampling rate
     * @param rPeakIndices R-peak indices, ascending
     */
    public Beats segment(double[] samplesMv, int[] rPeakIndices) {
        Objects.requireNonNull(samplesMv, "samplesMv");
        Objects.requireNonNull(rPeakIndices, "rPeakIndices");
        int n = samplesMv.length;
        int before = beforeSamples();
        int window = before + afterSamples();
        float[] out = new float[rPeakIndices.length * beatLength];
        int[] kept = new int[rPeakIndices.length];
        int count = 0;
        List<Beats.Rejection> rejected = new ArrayList<>();
        double[] beat = new double[beatLength];
        double[] win = new double[window];
        Spline spline = new Spline(window);
        ShapeJudge shape = gate == null ? null : ShapeJudge.of(gate.shape(), beatLength);
        for (int r : rPeakIndices) {
            int lo = r - before;
            int hi = lo + window; // exclusive
            if (lo < 0 || hi > n) {
                rejected.add(new Beats.Rejection(r, Beats.Reason.EDGE, "window [" + lo + ", " + hi
                        + ") outside 0.." + n));
                continue;
            }
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            boolean finite = true;
            for (int i = lo; i < hi; i++) {
                double v = samplesMv[i];
                if (!Double.isFinite(v)) {
                    finite = false;
                    break;
                }
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            if (!finite) {
                rejected.add(new Beats.Rejection(r, Beats.Reason.NON_FINITE, "NaN or infinite sample in window"));
                continue;
            }
            if (gate != null) {
                int run = longestFlatRun(samplesMv, lo, hi);
                if (max == min || run > window / 4) {
                    rejected.add(new Beats.Rejection(r, Beats.Reason.FLAT,
                            run + " identical successive samples in the window"));
                    continue;
                }
                double ptp = max - min;
                if (ptp < gate.minAmplitudeMv() || ptp > gate.maxAmplitudeMv()) {
                    rejected.add(new Beats.Rejection(r, Beats.Reason.AMPLITUDE,
                            String.format("peak-to-peak %.3f mV outside %.3f..%.3f mV", ptp, gate.minAmplitudeMv(),
                                    gate.maxAmplitudeMv())));
                    continue;
                }
                int sat = longestRunAt(samplesMv, lo, hi, min, max);
                if (sat > gate.maxSaturatedSamples()) {
                    rejected.add(new Beats.Rejection(r, Beats.Reason.SATURATED,
                            sat + " successive samples at the window's extreme"));
                    continue;
                }
            }
            System.arraycopy(samplesMv, lo, win, 0, window);
            spline.resample(win, beat);
            if (zScore) {
                double mean = 0;
                for (double v : beat) {
                    mean += v;
                }
                mean /= beatLength;
                double var = 0;
                for (double v : beat) {
                    var += (v - mean) * (v - mean);
                }
                double sd = Math.sqrt(var / beatLength);
                if (!(sd > 1e-12)) {
                    rejected.add(new Beats.Rejection(r, Beats.Reason.FLAT, "no variation in the window"));
                    continue;
                }
                for (int k = 0; k < beatLength; k++) {
                    beat[k] = (beat[k] - mean) / sd;
                }
            }
            if (shape != null) {
                String why = shape.judge(beat);
                if (why != null) {
                    rejected.add(new Beats.Rejection(r, shape.reason(), why));
                    continue;
                }
            }
            for (int k = 0; k < beatLength; k++) {
                out[count * beatLength + k] = (float) beat[k];
            }
            kept[count++] = r;
        }
        return new Beats(Arrays.copyOf(out, count * beatLength), beatLength, Arrays.copyOf(kept, count), rejected);
    }

    private static int longestFlatRun(double[] x, int lo, int hi) {
        int best = 1;
        int run = 1;
        for (int i = lo + 1; i < hi; i++) {
            run = x[i] == x[i - 1] ? run + 1 : 1;
            best = Math.max(best, run);
        }
        return best;
    }

    private static int longestRunAt(double[] x, int lo, int hi, double min, double max) {
        int best = 0;
        int run = 0;
        for (int i = lo; i < hi; i++) {
            if (x[i] == max || x[i] == min) {
                run = (i > lo && x[i] == x[i - 1]) ? run + 1 : 1;
                best = Math.max(best, run);
            } else {
                run = 0;
            }
        }
        return best;
    }

    @Override
    public String toString() {
        return "BeatSegmenter[" + samplingRateHz + " Hz, -" + beforeSeconds + " s .. +" + afterSeconds + " s -> "
                + beatLength + " samples" + (zScore ? ", z-scored" : "") + (gate != null ? ", " + gate : "") + "]";
    }

    /** Options; defaults are the seed's. */
    public static final class Builder {
        private final double samplingRateHz;
        private double beforeSeconds = 0.25;
        private double afterSeconds = 0.45;
        private int beatLength = 175;
        private boolean zScore = true;
        private QualityGate gate;

        private Builder(double samplingRateHz) {
            this.samplingRateHz = samplingRateHz;
        }

        /** Window before and after the R-peak in seconds (default 0.25 and 0.45). */
        public Builder windowSeconds(double before, double after) {
            if (!(before >= 0 && after > 0 && before + after < 10)) {
                throw new IllegalArgumentException("Need before >= 0, after > 0, total < 10 s, got " + before
                        + " and " + after);
            }
            this.beforeSeconds = before;
            this.afterSeconds = after;
            return this;
        }

        /** Samples per output beat (default 175). */
        public Builder beatLength(int samples) {
            if (samples < 4) {
                throw new IllegalArgumentException("beatLength must be >= 4, got " + samples);
            }
            this.beatLength = samples;
            return this;
        }

        /** Whether each beat is z-scored (default true). */
        public Builder zScore(boolean on) {
            this.zScore = on;
            return this;
        }

        /** Reject beats that fail these checks (default: no gate). */
        public Builder qualityGate(QualityGate qualityGate) {
            this.gate = qualityGate;
            return this;
        }

        public BeatSegmenter build() {
            return new BeatSegmenter(samplingRateHz, beforeSeconds, afterSeconds, beatLength, zScore, gate);
        }
    }

    /**
     * Natural cubic spline through {@code n} unit-spaced samples, evaluated at {@code j (n-1)/(m-1)} for an
     * output of length {@code m}. Reusable; allocates only in the constructor.
     */
    static final class Spline {
        private final int n;
        private final double[] m;
        private final double[] c;

        Spline(int n) {
            if (n < 2) {
                throw new IllegalArgumentException("A spline needs at least 2 points, got " + n);
            }
            this.n = n;
            this.m = new double[n];
            this.c = new double[n];
        }

        /** Resamples {@code y[0..n)} onto {@code out.length} points spanning the same interval. */
        void resample(double[] y, double[] out) {
            // second derivatives with m[0] = m[n-1] = 0: m[i-1] + 4 m[i] + m[i+1] = 6 (y[i+1] - 2 y[i] + y[i-1]),
            // solved by the Thomas algorithm (m holds the forward-swept right-hand side first)
            m[0] = 0;
            m[n - 1] = 0;
            c[0] = 0;
            for (int i = 1; i < n - 1; i++) {
                double denom = 4 - c[i - 1];
                c[i] = 1 / denom;
                m[i] = (6 * (y[i + 1] - 2 * y[i] + y[i - 1]) - m[i - 1]) / denom;
            }
            for (int i = n - 2; i >= 1; i--) {
                m[i] -= c[i] * m[i + 1];
            }
            int len = out.length;
            for (int k = 0; k < len; k++) {
                double t = len == 1 ? 0 : (double) k * (n - 1) / (len - 1);
                int i = Math.min(n - 2, (int) t);
                double a = t - i;
                double b = 1 - a;
                out[k] = b * y[i] + a * y[i + 1] + ((b * b * b - b) * m[i] + (a * a * a - a) * m[i + 1]) / 6.0;
            }
        }
    }

    /** Judges each candidate beat's shape against the ones before it, per {@link QualityGate.ShapeCheck}. */
    private abstract static class ShapeJudge {

        static ShapeJudge of(QualityGate.ShapeCheck check, int length) {
            if (check instanceof QualityGate.ShapeCheck.LikeMedian m) {
                return new MedianBeat(m, length);
            }
            if (check instanceof QualityGate.ShapeCheck.Recurring r) {
                return new Recurrence(r, length);
            }
            return null;
        }

        /** Null to keep the beat, else why it is dropped; updates the history the next beat is judged by. */
        abstract String judge(double[] beat);

        abstract Beats.Reason reason();
    }

    /**
     * The last few candidate beats, centred with unit norm; a beat is kept when enough of them correlate with
     * it. Rejected beats enter the history too, so a morphology that starts mid-record is kept once it has
     * enough earlier twins.
     */
    private static final class Recurrence extends ShapeJudge {
        private final QualityGate.ShapeCheck.Recurring check;
        private final double[][] ring;
        private int size;
        private int next;

        Recurrence(QualityGate.ShapeCheck.Recurring check, int length) {
            this.check = check;
            this.ring = new double[check.recentBeats()][length];
        }

        @Override
        String judge(double[] beat) {
            double mean = DcRemoval.mean(beat);
            double norm = centredNorm(beat, mean);
            int matches = 0;
            for (int j = 0; j < size; j++) {
                if (correlationWithUnit(beat, mean, norm, ring[j]) >= check.minCorrelation()) {
                    matches++;
                }
            }
            int compared = size;
            boolean keep = compared < check.minMatches() || matches >= check.minMatches();
            double[] slot = ring[next];
            for (int i = 0; i < beat.length; i++) {
                slot[i] = norm > 0 ? (beat[i] - mean) / norm : 0;
            }
            next = (next + 1) % ring.length;
            size = Math.min(size + 1, ring.length);
            return keep ? null : String.format("correlates >= %.2f with %d of the last %d beats, needs %d",
                    check.minCorrelation(), matches, compared, check.minMatches());
        }

        @Override
        Beats.Reason reason() {
            return Beats.Reason.NOT_RECURRING;
        }

        /** Pearson correlation of {@code a} with {@code b}, where {@code b} is centred with unit norm. */
        private static double correlationWithUnit(double[] a, double aMean, double aNorm, double[] b) {
            double s = 0;
            for (int i = 0; i < a.length; i++) {
                s += (a[i] - aMean) * b[i];
            }
            return aNorm > 0 ? s / aNorm : 0;
        }

        private static double centredNorm(double[] a, double mean) {
            double s = 0;
            for (double v : a) {
                s += (v - mean) * (v - mean);
            }
            return Math.sqrt(s);
        }
    }

    /** Element-wise median of the last few kept beats. */
    private static final class MedianBeat extends ShapeJudge {
        private final QualityGate.ShapeCheck.LikeMedian check;
        private final double[][] ring;
        private int size;
        private int next;
        private final double[] column;
        private final double[] median;

        MedianBeat(QualityGate.ShapeCheck.LikeMedian check, int length) {
            this.check = check;
            ring = new double[check.medianOf()][length];
            column = new double[check.medianOf()];
            median = new double[length];
        }

        @Override
        String judge(double[] beat) {
            if (size >= check.warmUpBeats()) {
                double c = correlation(beat);
                if (c < check.minCorrelation()) {
                    return String.format("correlation %.3f with the running median beat < %.3f", c,
                            check.minCorrelation());
                }
            }
            System.arraycopy(beat, 0, ring[next], 0, beat.length);
            next = (next + 1) % ring.length;
            size = Math.min(size + 1, ring.length);
            return null;
        }

        @Override
        Beats.Reason reason() {
            return Beats.Reason.LOW_CORRELATION;
        }

        private double correlation(double[] beat) {
            for (int k = 0; k < median.length; k++) {
                for (int j = 0; j < size; j++) {
                    column[j] = ring[j][k];
                }
                Arrays.sort(column, 0, size);
                median[k] = (size % 2 == 1) ? column[size / 2] : 0.5 * (column[size / 2 - 1] + column[size / 2]);
            }
            return pearson(beat, median);
        }

        private static double pearson(double[] a, double[] b) {
            double ma = 0;
            double mb = 0;
            for (int i = 0; i < a.length; i++) {
                ma += a[i];
                mb += b[i];
            }
            ma /= a.length;
            mb /= b.length;
            double sab = 0;
            double saa = 0;
            double sbb = 0;
            for (int i = 0; i < a.length; i++) {
                sab += (a[i] - ma) * (b[i] - mb);
                saa += (a[i] - ma) * (a[i] - ma);
                sbb += (b[i] - mb) * (b[i] - mb);
            }
            return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
        }
    }
}
