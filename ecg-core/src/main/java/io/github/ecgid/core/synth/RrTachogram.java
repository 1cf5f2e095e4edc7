package io.github.ecgid.core.synth;

import java.util.Random;

/**
 * RR interval process of ECGSYN (McSharry et al. 2003, section II-A): a bimodal power spectrum, one Gaussian
 * around the Mayer-wave frequency (LF, ~0.1 Hz) and one around the respiratory frequency (HF, ~0.25 Hz), with
 * power ratio LF/HF, random phases, scaled to the requested mean and standard deviation.
 *
 * <p>Instead of the paper's inverse FFT on a 1 Hz grid this evaluates the same random-phase sum of sinusoids in
 * continuous time, so that the interval of each beat can be read at its exact start time.
 */
final class RrTachogram {

    private static final double SPECTRAL_STD_HZ = 0.01;
    private static final double MAX_HZ = 0.6;

    private final double[] freqHz;
    private final double[] amplitude;
    private final double[] phase;
    private final double meanSeconds;
    private final double scale;

    RrTachogram(double heartRateBpm, double heartRateStdBpm, double lfHz, double hfHz, double lfHfRatio,
                double durationSeconds, Random rnd) {
        double spanSeconds = Math.max(2 * durationSeconds + 60, 512);
        double df = 1 / spanSeconds;
        int count = (int) (MAX_HZ / df);
        double[] f = new double[count];
        double[] a = new double[count];
        double peak = 0;
        for (int k = 1; k <= count; k++) {
            double fk = k * df;
            double s = lfHfRatio * gauss(fk, lfHz) + gauss(fk, hfHz);
            f[k - 1] = fk;
            a[k - 1] = s;
            peak = Math.max(peak, s);
        }
        int kept = 0;
        for (int k = 0; k < count; k++) {
            if (a[k] > 1e-9 * peak) {
                f[kept] = f[k];
                a[kept] = Math.sqrt(a[k]);
                kept++;
            }
        }
        freqHz = java.util.Arrays.copyOf(f, kept);
        amplitude = java.util.Arrays.copyOf(a, kept);
        phase = new double[kept];
        double variance = 0;
        for (int k = 0; k < kept; k++) {
            phase[k] = 2 * Math.PI * rnd.nextDouble();
            variance += amplitude[k] * amplitude[k] / 2;
        }
        meanSeconds = 60 / heartRateBpm;
        double stdSeconds = 60 * heartRateStdBpm / (heartRateBpm * heartRateBpm);
        scale = variance > 0 ? stdSeconds / Math.sqrt(variance) : 0;
    }

    private static double gauss(double f, double centreHz) {
        double d = (f - centreHz) / SPECTRAL_STD_HZ;
        return StrictMath.exp(-0.5 * d * d) / (Math.sqrt(2 * Math.PI) * SPECTRAL_STD_HZ);
    }

    /** The RR interval in seconds of a beat starting at time {@code t}, clamped to 0.25..2.5 s. */
    double rrSeconds(double t) {
        double x = 0;
        for (int k = 0; k < freqHz.length; k++) {
            x += amplitude[k] * StrictMath.cos(2 * Math.PI * freqHz[k] * t + phase[k]);
        }
        return Math.max(0.25, Math.min(2.5, meanSeconds + scale * x));
    }
}
