package io.github.ecgid.signal.preprocess;

import io.github.ecgid.signal.filter.Butterworth;
import io.github.ecgid.signal.filter.Notch;
import io.github.ecgid.signal.filter.RobustStats;
import io.github.ecgid.signal.filter.Sos;
import io.github.ecgid.signal.wavelet.WaveletDenoiser;
import java.util.Locale;
import java.util.Random;

/**
 * Development timing of the seed chain and its parts (best of N runs, ns per input sample), until the JMH
 * benchmarks in ecg-benchmarks exist. Not a test. Usage (after test-compile):
 * {@code java -cp ecg-signal/target/classes:ecg-signal/target/test-classes:<ecg-core jar>
 * io.github.ecgid.signal.preprocess.ChainThroughput 2000000 15}
 */
public final class ChainThroughput {
    private static Object sink;

    private ChainThroughput() {
    }

    private static double best(Runnable r, int reps, int n) {
        double b = Double.MAX_VALUE;
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            r.run();
            b = Math.min(b, (System.nanoTime() - t0) / (double) n);
        }
        return b;
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        double fs = 250;
        double[] x = new double[n];
        Random r = new Random(1);
        for (int i = 0; i < n; i++) {
            double t = ((i % 250) - 125) / 3.0;
            x[i] = Math.sin(2 * Math.PI * 1.2 * i / fs) + 0.1 * r.nextGaussian() + Math.exp(-t * t);
        }
        Sos bp = Butterworth.bandPass(4, fs, 0.5, 40);
        Sos notch = Notch.of(fs, 50);
        WaveletDenoiser wd = WaveletDenoiser.seed();
        Preprocessor seed = Preprocessor.seed(fs);
        System.out.printf(Locale.ROOT, "ns per sample, best of %d, n = %d at %.0f Hz%n", reps, n, fs);
        System.out.printf(Locale.ROOT, "median          %6.2f%n", best(() -> sink = RobustStats.median(x), reps, n));
        System.out.printf(Locale.ROOT, "notch zp        %6.2f%n", best(() -> sink = notch.zeroPhase(x), reps, n));
        System.out.printf(Locale.ROOT, "band-pass zp    %6.2f%n", best(() -> sink = bp.zeroPhase(x), reps, n));
        System.out.printf(Locale.ROOT, "wavelet denoise %6.2f%n", best(() -> sink = wd.denoise(x), reps, n));
        double chain = best(() -> sink = seed.apply(x), reps, n);
        System.out.printf(Locale.ROOT, "seed chain      %6.2f  = %.1f M samples/s%n", chain, 1e3 / chain);
    }
}
