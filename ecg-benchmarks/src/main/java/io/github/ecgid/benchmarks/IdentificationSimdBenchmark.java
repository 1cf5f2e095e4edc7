package io.github.ecgid.benchmarks;

import io.github.ecgid.model.nn.SimdSupport;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;

/**
 * {@link IdentificationBenchmark} in a JVM started with {@code --add-modules jdk.incubator.vector}, so the pure-Java
 * network behind the decision runs its SIMD kernels.
 * Run: {@code java -jar ecg-benchmarks/target/benchmarks.jar IdentificationSimdBenchmark.decisionOnTenBeats}.
 */
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class IdentificationSimdBenchmark extends IdentificationBenchmark {

    /** Refuses to report scalar figures under this benchmark's name. */
    @Setup(Level.Trial)
    public void requireSimd() {
        if (!SimdSupport.active()) {
            throw new IllegalStateException("SIMD kernels not active: " + SimdSupport.description());
        }
    }
}
