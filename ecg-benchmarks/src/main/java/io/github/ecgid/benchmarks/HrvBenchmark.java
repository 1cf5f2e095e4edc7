package io.github.ecgid.benchmarks;

import io.github.ecgid.hrv.ArtefactCorrection;
import io.github.ecgid.hrv.HrvAnalyzer;
import io.github.ecgid.hrv.HrvReport;
import io.github.ecgid.hrv.RrCorrector;
import io.github.ecgid.hrv.RrSeries;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * HRV budget: every index (time, Welch, Poincaré, ApEn, SampEn, DFA) of a 24 h RR series (~10⁵ beats) in under a
 * second on one core. Run: {@code java -jar ecg-benchmarks/target/benchmarks.jar HrvBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class HrvBenchmark {

    private RrSeries day;
    private RrSeries fiveMinutes;
    private final HrvAnalyzer analyzer = HrvAnalyzer.defaults();

    /** 24 h of RR in ms: circadian swing, LF and HF modulation, AR(1) noise, quantised to 4 ms (250 Hz peaks). */
    static RrSeries synthetic(double hours, long seed) {
        Random rnd = new Random(seed);
        double[] rr = new double[(int) (hours * 3600 * 2) + 16];
        double t = 0;
        double noise = 0;
        int n = 0;
        while (t < hours * 3600 * 1000.0) {
            double h = t / 3_600_000.0;
            noise = 0.8 * noise + 10 * rnd.nextGaussian();
            double v = 820 + 120 * Math.sin(2 * Math.PI * (h - 8) / 24) + 35 * Math.sin(2 * Math.PI * 0.1 * t / 1000)
                    + 20 * Math.sin(2 * Math.PI * 0.25 * t / 1000) + noise;
            v = 4 * Math.round(v / 4);
            rr[n++] = v;
            t += v;
        }
        return RrSeries.ofIntervalsMs(Arrays.copyOf(rr, n));
    }

    @Setup
    public void setUp() {
        day = synthetic(24, 1);
        fiveMinutes = synthetic(5 / 60.0, 1);
    }

    /** All indices of ~106,000 beats. */
    @Benchmark
    public HrvReport allFeatures24h() {
        return analyzer.analyze(day);
    }

    /** All indices of a 5-minute recording (~370 beats). */
    @Benchmark
    public HrvReport allFeatures5min() {
        return analyzer.analyze(fiveMinutes);
    }

    /** Lipponen–Tarvainen artefact detection and correction of the 24 h series. */
    @Benchmark
    public RrSeries lipponenTarvainen24h() {
        return RrCorrector.correct(day, ArtefactCorrection.LIPPONEN_TARVAINEN);
    }
}
