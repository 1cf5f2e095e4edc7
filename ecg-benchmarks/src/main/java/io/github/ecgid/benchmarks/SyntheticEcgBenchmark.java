package io.github.ecgid.benchmarks;

import io.github.ecgid.core.synth.Noise;
import io.github.ecgid.core.synth.SyntheticCohort;
import io.github.ecgid.core.synth.SyntheticRecording;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Synthetic ECG budget: a cohort of 6 persons x 5 min at 250 Hz (one session each) should take well under
 * a second on one core. Run: {@code java -jar ecg-benchmarks/target/benchmarks.jar SyntheticEcgBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class SyntheticEcgBenchmark {

    @Param({"none", "realistic"})
    public String noise;

    /** Six persons, one five-minute session each, 250 Hz. */
    @Benchmark
    public List<SyntheticRecording> cohortSixPersonsFiveMinutes() {
        return SyntheticCohort.of(6, 42).withSessions(1).withDurationSeconds(300).withSamplingRateHz(250)
                .withNoise("none".equals(noise) ? Noise.none() : Noise.realistic()).generate();
    }
}
