package io.github.ecgid.signal.beat;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Fixed-length beats cut around R-peaks, stored flat: beat {@code i} is {@code samples[i*beatLength ..
 * (i+1)*beatLength)}. Arrays are copied in and out.
 *
 * <pre>{@code
 * Beats beats = BeatSegmenter.seed(250.0).segment(mv, peaks.indexSamples());
 * float[] first = beats.beat(0);            // 175 z-scored values
 * int r = beats.rPeakIndices()[0];          // where it came from
 * }</pre>
 *
 * @param samples       {@code count * beatLength} values
 * @param beatLength    samples per beat (175 for the seed)
 * @param rPeakIndices the R-peak index in the source signal of each kept beat
 * @param rejected      R-peaks that gave no beat, with the reason
 */
public record Beats(float[] samples, int beatLength, int[] rPeakIndices, List<Rejection> rejected) {

    public Beats {
        Objects.requireNonNull(samples, "samples");
        Objects.requireNonNull(rPeakIndices, "rPeakIndices");
        if (beatLength <= 0 || samples.length != beatLength * rPeakIndices.length) {
            throw new IllegalArgumentException(samples.length + " samples do not make " + rPeakIndices.length
                    + " beats of " + beatLength);
        }
        samples = samples.clone();
        rPeakIndices = rPeakIndices.clone();
        rejected = List.copyOf(rejected);
    }

    /** Number of kept beats. */
    public int count() {
        return rPeakIndices.length;
    }

    /** A copy of beat {@code i}. */
    public float[] beat(int i) {
        Objects.checkIndex(i, count());
        return Arrays.copyOfRange(samples, i * beatLength, (i + 1) * beatLength);
    }

    /** All kept beats as {@code [count][beatLength]}. */
    public float[][] toMatrix() {
        float[][] out = new float[count()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = beat(i);
        }
        return out;
    }

    /**
     * Each kept beat's quality: its Pearson correlation, in [-1, 1], with the element-wise median of all the kept
     * beats (template matching, as in Orphanidou et al., IEEE J Biomed Health Inform 19(3), 2015). A beat near 1
     * has the recording's usual shape; noise, artefacts and ectopic beats score lower. NaN for a beat without
     * variation; empty for no beats.
     */
    public double[] templateCorrelation() {
        return templateCorrelation(toMatrix());
    }

    /** {@link #templateCorrelation()} of beats held as {@code [count][beatLength]}. */
    public static double[] templateCorrelation(float[][] beats) {
        int n = beats.length;
        double[] out = new double[n];
        if (n == 0) {
            return out;
        }
        int len = beats[0].length;
        double[] median = new double[len];
        double[] column = new double[n];
        for (int k = 0; k < len; k++) {
            for (int i = 0; i < n; i++) {
                column[i] = beats[i][k];
            }
            Arrays.sort(column);
            median[k] = n % 2 == 1 ? column[n / 2] : 0.5 * (column[n / 2 - 1] + column[n / 2]);
        }
        for (int i = 0; i < n; i++) {
            out[i] = pearson(beats[i], median);
        }
        return out;
    }

    private static double pearson(float[] a, double[] b) {
        int len = b.length;
        double ma = 0;
        double mb = 0;
        for (int k = 0; k < len; k++) {
            ma += a[k];
            mb += b[k];
        }
        ma /= len;
        mb /= len;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int k = 0; k < len; k++) {
            double da = a[k] - ma;
            double db = b[k] - mb;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }
        return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : Double.NaN;
    }

    @Override
    public float[] samples() {
        return samples.clone();
    }

    @Override
    public int[] rPeakIndices() {
        return rPeakIndices.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Beats b && b.beatLength == beatLength && Arrays.equals(b.samples, samples)
                && Arrays.equals(b.rPeakIndices, rPeakIndices) && b.rejected.equals(rejected);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(samples), beatLength, Arrays.hashCode(rPeakIndices), rejected);
    }

    /** Counts only: beats are biometric data and are never printed. */
    @Override
    public String toString() {
        return "Beats[" + count() + " x " + beatLength + ", " + rejected.size() + " rejected]";
    }

    /**
     * An R-peak that gave no beat.
     *
     * @param rPeakIndex    the R-peak index in the source signal
     * @param reason        why
     * @param detail        the measured value that failed, in words
     */
    public record Rejection(int rPeakIndex, Reason reason, String detail) {
        public Rejection {
            Objects.requireNonNull(reason, "reason");
            detail = detail == null ? "" : detail;
        }
    }

    /** Why a beat was not kept. */
    public enum Reason {
        /** The window runs past the start or end of the signal. */
        EDGE,
        /** NaN or infinite samples in the window. */
        NON_FINITE,
        /** No variation in the window (z-score undefined). */
        FLAT,
        /** Peak-to-peak amplitude outside the quality gate's range. */
        AMPLITUDE,
        /** Samples stuck at the window's extreme (ADC saturation or clipping). */
        SATURATED,
        /** Low correlation with the running median beat ({@link QualityGate.ShapeCheck#likeMedian}). */
        LOW_CORRELATION,
        /** Too few of the recent beats have this shape ({@link QualityGate.ShapeCheck#recurring}). */
        NOT_RECURRING
    }
}
