package io.github.ecgid.benchmarks;

import io.github.ecgid.model.nn.SimdSupport;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;

/**
 * {@link InferenceBenchmark} in a JVM started with {@code --add-modules jdk.incubator.vector}, so the pure-Java
 * engine runs its SIMD kernels; {@link InferenceBenchmark} itself forks without the flag (scalar kernels). Only the
 * pure-Java engine differs between the two.
 * Run: {@code java -jar ecg-benchmarks/target/benchmarks.jar InferenceSimdBenchmark -p engine=pure-java}.
 */
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class InferenceSimdBenchmark extends InferenceBenchmark {

    /** Refuses to report scalar figures under this benchmark's name. */
    @Setup(Level.Trial)
    public void requireSimd() {
        if (!SimdSupport.active()) {
            throw new IllegalStateException("SIMD kernels not active: " + SimdSupport.description());
        }
    }
}
