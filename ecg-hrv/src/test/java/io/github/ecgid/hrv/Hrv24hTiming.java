package io.github.ecgid.hrv;

import java.util.Arrays;
import java.util.Random;

/**
 * Wall-clock timing of every HRV index on a synthetic 24 h RR series (~10⁵ beats); a quick measurement for
 * docs/hrv.md, not a test. The JMH benchmark in ecg-benchmarks is the authority.
 *
 * <pre>
 * java -cp ecg-hrv/target/classes:ecg-hrv/target/test-classes:$(cat /tmp/hrv.cp) io.github.ecgid.hrv.Hrv24hTiming
 * </pre>
 */
public final class Hrv24hTiming {

    private Hrv24hTiming() {
    }

    /** 24 h of RR in ms: circadian swing, LF and HF modulation, AR(1) noise, quantised to 4 ms (250 Hz). */
    public static RrSeries synthetic24h(long seed) {
        Random rnd = new Random(seed);
        double[] rr = new double[150_000];
        double t = 0;
        double noise = 0;
        int n = 0;
        while (t < 24 * 3600 * 1000.0) {
            double hours = t / 3_600_000.0;
            noise = 0.8 * noise + 10 * rnd.nextGaussian();
            double v = 820 + 120 * Math.sin(2 * Math.PI * (hours - 8) / 24) + 35 * Math.sin(2 * Math.PI * 0.1 * t / 1000)
                    + 20 * Math.sin(2 * Math.PI * 0.25 * t / 1000) + noise;
            v = 4 * Math.round(v / 4);
            rr[n++] = v;
            t += v;
        }
        return RrSeries.ofIntervalsMs(Arrays.copyOf(rr, n));
    }

    public static void main(String[] args) {
        RrSeries rr = synthetic24h(1);
        HrvAnalyzer analyzer = HrvAnalyzer.defaults();
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        System.out.println("beats: " + rr.size() + ", duration h: " + rr.durationSeconds() / 3600);
        for (int w = 0; w < 5; w++) {
            analyzer.analyze(rr);
        }
        long[] ns = new long[reps];
        HrvReport last = null;
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            last = analyzer.analyze(rr);
            ns[i] = System.nanoTime() - t0;
        }
        Arrays.sort(ns);
        System.out.printf("all features: median %.1f ms, min %.1f ms, max %.1f ms over %d runs%n", ns[reps / 2] / 1e6,
                ns[0] / 1e6, ns[reps - 1] / 1e6, reps);
        double[] x = rr.intervalsMs();
        long t0 = System.nanoTime();
        TimeDomain.compute(rr);
        long t1 = System.nanoTime();
        FrequencyDomain.compute(rr, FrequencyBands.neurokit2(), PsdMethod.WELCH);
        long t2 = System.nanoTime();
        Entropy.approximateAndSample(x, 0.2 * Stats.std(x, 1));
        long t3 = System.nanoTime();
        Nonlinear.dfa(x, 4, 16);
        Nonlinear.dfa(x, 16, 64);
        long t4 = System.nanoTime();
        RrCorrector.correct(rr, ArtefactCorrection.LIPPONEN_TARVAINEN);
        long t5 = System.nanoTime();
        System.out.printf("parts: time %.1f ms, welch %.1f ms, ApEn+SampEn %.1f ms, DFA %.1f ms; "
                + "(Lipponen-Tarvainen correction, not included above: %.1f ms)%n", (t1 - t0) / 1e6,
                (t2 - t1) / 1e6, (t3 - t2) / 1e6, (t4 - t3) / 1e6, (t5 - t4) / 1e6);
        System.out.println("SampEn " + last.nonlinear().sampEn() + " ApEn " + last.nonlinear().apEn() + " SDNN "
                + last.time().sdnnMs() + " ULF " + last.frequency().ulfMs2());
    }
}
