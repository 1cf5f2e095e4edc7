package io.github.ecgid.hrv;

import io.github.ecgid.core.EcgSignalException;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable series of RR (NN) intervals in milliseconds, each with the time of the beat that ends it.
 *
 * <p>Times are measured in ms from the first R-peak, so for an uninterrupted series
 * {@code timesMs[i] == timesMs[i-1] + intervalsMs[i]}. Artefact correction may drop intervals it cannot
 * repair; their time is kept as a gap (the next beat keeps its true time), so successive differences
 * are never computed across a gap ({@link #isSuccessive(int)}), instead of silently joining the
 * intervals on either side.
 *
 * <pre>{@code
 * RrSeries rr = RrSeries.fromPeaks(rPeakIndexSamples, 250.0);
 * RrSeries rr2 = RrSeries.ofIntervalsMs(812, 790, 805, 830);
 * }</pre>
 *
 * @param intervalsMs RR intervals, finite and positive, in ms
 * @param timesMs     time of the beat that ends each interval, in ms from the first beat, increasing
 */
public record RrSeries(double[] intervalsMs, double[] timesMs) {

    /** Two consecutive intervals are contiguous when their time stamps differ by the later interval ± this. */
    static final double SUCCESSIVE_TOLERANCE_MS = 2.0;

    public RrSeries {
        Objects.requireNonNull(intervalsMs, "intervalsMs");
        Objects.requireNonNull(timesMs, "timesMs");
        intervalsMs = intervalsMs.clone();
        timesMs = timesMs.clone();
        if (intervalsMs.length != timesMs.length) {
            throw new EcgSignalException(intervalsMs.length + " RR intervals but " + timesMs.length + " time stamps");
        }
        for (int i = 0; i < intervalsMs.length; i++) {
            checkInterval(intervalsMs[i], i);
            if (!Double.isFinite(timesMs[i])) {
                throw new EcgSignalException("RR time stamp " + i + " is " + timesMs[i] + "; expected a finite time in ms");
            }
            if (i > 0 && !(timesMs[i] > timesMs[i - 1])) {
                throw new EcgSignalException("RR time stamps must increase, but time " + i + " (" + timesMs[i]
                        + " ms) is not after time " + (i - 1) + " (" + timesMs[i - 1] + " ms)");
            }
        }
    }

    /**
     * An uninterrupted series from intervals in ms; beat times are their cumulative sum.
     *
     * @throws EcgSignalException if an interval is NaN, infinite, zero or negative
     */
    public static RrSeries ofIntervalsMs(double... intervalsMs) {
        Objects.requireNonNull(intervalsMs, "intervalsMs");
        double[] times = new double[intervalsMs.length];
        double t = 0;
        for (int i = 0; i < intervalsMs.length; i++) {
            checkInterval(intervalsMs[i], i);
            t += intervalsMs[i];
            times[i] = t;
        }
        return new RrSeries(intervalsMs, times);
    }

    /**
     * The series between consecutive R-peaks given as sample indices at {@code samplingRateHz}.
     *
     * @throws EcgSignalException if the sampling rate is not positive or the peaks do not strictly increase
     */
    public static RrSeries fromPeaks(long[] peakIndexSamples, double samplingRateHz) {
        Objects.requireNonNull(peakIndexSamples, "peakIndexSamples");
        double[] t = new double[peakIndexSamples.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = peakIndexSamples[i];
        }
        return fromPeakTimes(t, samplingRateHz, "R-peak sample index");
    }

    /** As {@link #fromPeaks(long[], double)} for int indices. */
    public static RrSeries fromPeaks(int[] peakIndexSamples, double samplingRateHz) {
        Objects.requireNonNull(peakIndexSamples, "peakIndexSamples");
        double[] t = new double[peakIndexSamples.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = peakIndexSamples[i];
        }
        return fromPeakTimes(t, samplingRateHz, "R-peak sample index");
    }

    /** The series between consecutive beat times given in ms (any origin). */
    public static RrSeries fromBeatTimesMs(double[] beatTimesMs) {
        return fromPeakTimes(Objects.requireNonNull(beatTimesMs, "beatTimesMs"), 1000.0, "beat time");
    }

    private static RrSeries fromPeakTimes(double[] peaks, double samplingRateHz, String what) {
        if (!(samplingRateHz > 0) || Double.isInfinite(samplingRateHz)) {
            throw new EcgSignalException("Sampling rate must be positive and finite, got " + samplingRateHz + " Hz");
        }
        int n = Math.max(0, peaks.length - 1);
        double[] rr = new double[n];
        double[] times = new double[n];
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(peaks[i + 1]) || !(peaks[i + 1] > peaks[i])) {
                throw new EcgSignalException(what + "s must strictly increase, but " + what + " " + (i + 1) + " ("
                        + peaks[i + 1] + ") is not after " + what + " " + i + " (" + peaks[i] + ")");
            }
            rr[i] = (peaks[i + 1] - peaks[i]) / samplingRateHz * 1000.0;
            times[i] = (peaks[i + 1] - peaks[0]) / samplingRateHz * 1000.0;
        }
        return new RrSeries(rr, times);
    }

    private static void checkInterval(double v, int i) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw new EcgSignalException("RR interval " + i + " is " + v + "; expected a finite interval in ms");
        }
        if (!(v > 0)) {
            throw new EcgSignalException("RR interval " + i + " is " + v + " ms; intervals must be positive");
        }
    }

    /** Copy of the intervals in ms. */
    @Override
    public double[] intervalsMs() {
        return intervalsMs.clone();
    }

    /** Copy of the beat times in ms. */
    @Override
    public double[] timesMs() {
        return timesMs.clone();
    }

    /** Number of intervals. */
    public int size() {
        return intervalsMs.length;
    }

    /** Interval {@code i} in ms. */
    public double intervalMs(int i) {
        return intervalsMs[i];
    }

    /** Time from the first beat to the last, in seconds (gaps included). */
    public double durationSeconds() {
        return intervalsMs.length == 0 ? 0 : timesMs[timesMs.length - 1] / 1000.0;
    }

    /** True when intervals {@code i} and {@code i + 1} are adjacent in time (no gap between them). */
    public boolean isSuccessive(int i) {
        return Math.abs(timesMs[i + 1] - timesMs[i] - intervalsMs[i + 1]) <= SUCCESSIVE_TOLERANCE_MS;
    }

    /** True when no interval was dropped. */
    public boolean isContiguous() {
        for (int i = 0; i + 1 < intervalsMs.length; i++) {
            if (!isSuccessive(i)) {
                return false;
            }
        }
        return true;
    }

    // package-private zero-copy access for the analysers in this package
    double[] intervalsView() {
        return intervalsMs;
    }

    double[] timesView() {
        return timesMs;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RrSeries other && Arrays.equals(intervalsMs, other.intervalsMs)
                && Arrays.equals(timesMs, other.timesMs);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(intervalsMs) + Arrays.hashCode(timesMs);
    }

    @Override
    public String toString() {
        return "RrSeries[" + intervalsMs.length + " intervals, " + durationSeconds() + " s]";
    }
}
