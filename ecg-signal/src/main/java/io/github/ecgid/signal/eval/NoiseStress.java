package io.github.ecgid.signal.eval;

import java.util.Arrays;

/**
 * Adds calibrated real noise to a clean ECG the way PhysioNet's {@code nst} builds the MIT-BIH Noise Stress Test
 * Database: a 5-minute noise-free learning period, then noise switched on and off in alternating 2-minute
 * segments to the end; the noise gain set for a signal-to-noise ratio {@code SNR = 10 log10(S / N)} with
 * {@code S} the power of a sine wave of the QRS peak-to-peak amplitude ({@code A^2 / 8}, A the median over the
 * reference beats of the peak-to-peak amplitude within 50 ms of the beat mark) and {@code N} the noise power
 * (mean over 1 s chunks of the mean-removed power, the largest and smallest 5 % of chunks left out).
 *
 * <pre>{@code
 * double[] noisy = NoiseStress.corrupt(clean, beats, maNoise, 360.0, 6.0);
 * }</pre>
 */
public final class NoiseStress {

    /** Noise-free learning period at the start. */
    public static final double LEARNING_SECONDS = 300;
    /** Length of each noisy and each clean segment after the learning period. */
    public static final double SEGMENT_SECONDS = 120;

    private NoiseStress() {
    }

    /**
     * The clean signal with {@code noise} added at {@code snrDb} during the noisy segments (the noise record is
     * repeated if shorter; each noisy segment's noise has its mean removed so no step is added).
     */
    public static double[] corrupt(double[] cleanMv, long[] beatSamples, double[] noiseMv, double samplingRateHz,
                                   double snrDb) {
        double s = signalPower(cleanMv, beatSamples, samplingRateHz);
        double n = noisePower(noiseMv, samplingRateHz);
        if (!(n > 0)) {
            throw new IllegalArgumentException("Noise record has no power");
        }
        double gain = Math.sqrt(s / (n * Math.pow(10, snrDb / 10)));
        double[] out = cleanMv.clone();
        int seg = (int) Math.round(SEGMENT_SECONDS * samplingRateHz);
        // the segments inNoisySegment names
        for (int start = (int) Math.round(LEARNING_SECONDS * samplingRateHz); start < out.length; start += 2 * seg) {
            int end = Math.min(out.length, start + seg);
            double mean = 0;
            for (int i = start; i < end; i++) {
                mean += noiseMv[i % noiseMv.length];
            }
            mean /= Math.max(1, end - start);
            for (int i = start; i < end; i++) {
                out[i] += gain * (noiseMv[i % noiseMv.length] - mean);
            }
        }
        return out;
    }

    /**
     * Whether a sample lies in one of the noisy segments {@link #corrupt} adds noise to (and that PhysioNet's
     * published records such as 118e00 carry): after the learning period, the first of each pair of 2-minute
     * segments.
     */
    public static boolean inNoisySegment(long sample, double samplingRateHz) {
        long learn = Math.round(LEARNING_SECONDS * samplingRateHz);
        long seg = Math.round(SEGMENT_SECONDS * samplingRateHz);
        return sample >= learn && ((sample - learn) / seg) % 2 == 0;
    }

    /** {@code A^2 / 8} with A the median peak-to-peak amplitude within 50 ms of each beat mark. */
    public static double signalPower(double[] cleanMv, long[] beatSamples, double samplingRateHz) {
        int half = (int) Math.round(0.05 * samplingRateHz);
        double[] ptp = new double[beatSamples.length];
        int k = 0;
        for (long b : beatSamples) {
            int lo = (int) Math.max(0, b - half);
            int hi = (int) Math.min(cleanMv.length - 1, b + half);
            if (lo > hi) {
                continue;
            }
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = lo; i <= hi; i++) {
                min = Math.min(min, cleanMv[i]);
                max = Math.max(max, cleanMv[i]);
            }
            ptp[k++] = max - min;
        }
        if (k == 0) {
            throw new IllegalArgumentException("No beats to measure the signal amplitude on");
        }
        Arrays.sort(ptp, 0, k);
        double a = k % 2 == 1 ? ptp[k / 2] : 0.5 * (ptp[k / 2 - 1] + ptp[k / 2]);
        return a * a / 8;
    }

    /** Mean over 1 s chunks of the mean-removed power, the largest and smallest 5 % of chunks left out. */
    public static double noisePower(double[] noiseMv, double samplingRateHz) {
        int chunk = (int) Math.round(samplingRateHz);
        int chunks = noiseMv.length / chunk;
        if (chunks == 0) {
            throw new IllegalArgumentException("Noise record shorter than 1 s");
        }
        double[] p = new double[chunks];
        for (int c = 0; c < chunks; c++) {
            double mean = 0;
            for (int i = c * chunk; i < (c + 1) * chunk; i++) {
                mean += noiseMv[i];
            }
            mean /= chunk;
            double sq = 0;
            for (int i = c * chunk; i < (c + 1) * chunk; i++) {
                sq += (noiseMv[i] - mean) * (noiseMv[i] - mean);
            }
            p[c] = sq / chunk;
        }
        Arrays.sort(p);
        int drop = (int) Math.floor(chunks * 0.05);
        double sum = 0;
        for (int c = drop; c < chunks - drop; c++) {
            sum += p[c];
        }
        return sum / (chunks - 2 * drop);
    }
}
