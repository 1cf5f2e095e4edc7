package io.github.ecgid.benchmarks;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The roof of the roofline: the single-precision FLOP rate one core's fused multiply-adds reach from Java, 256-bit
 * and 512-bit vectors, with enough independent accumulators to hide the FMA latency. The CNN's end-to-end rate is
 * compared with it in docs/performance.md. The score is in operations per nanosecond with one operation = one
 * FLOP (an FMA counts two), i.e. GFLOP/s.
 * Run: {@code java -jar ecg-benchmarks/target/benchmarks.jar FmaPeakBenchmark}.
 */
@State(Scope.Thread)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FmaPeakBenchmark {
    private static final int ROUNDS = 4096;
    /** Independent FMA chains: about latency (4 cycles) times FMA pipes (2), so each pipe always has work. */
    private static final int CHAINS = 8;

    public float m = 0.999f;
    public float c = 1e-3f;

    private static final VectorSpecies<Float> S256 = FloatVector.SPECIES_256;
    private static final VectorSpecies<Float> S512 = FloatVector.SPECIES_512;

    // Two copies of one loop on purpose: the Vector API compiles to vector instructions only when the species is a
    // constant at the call site; passed as a parameter it runs boxed, 40x slower.

    @Benchmark
    @OperationsPerInvocation(ROUNDS * CHAINS * 2 * 8)
    public float fma256() {
        FloatVector mv = FloatVector.broadcast(S256, m);
        FloatVector cv = FloatVector.broadcast(S256, c);
        FloatVector a0 = FloatVector.broadcast(S256, 1f);
        FloatVector a1 = FloatVector.broadcast(S256, 2f);
        FloatVector a2 = FloatVector.broadcast(S256, 3f);
        FloatVector a3 = FloatVector.broadcast(S256, 4f);
        FloatVector a4 = FloatVector.broadcast(S256, 5f);
        FloatVector a5 = FloatVector.broadcast(S256, 6f);
        FloatVector a6 = FloatVector.broadcast(S256, 7f);
        FloatVector a7 = FloatVector.broadcast(S256, 8f);
        for (int i = 0; i < ROUNDS; i++) {
            a0 = a0.fma(mv, cv);
            a1 = a1.fma(mv, cv);
            a2 = a2.fma(mv, cv);
            a3 = a3.fma(mv, cv);
            a4 = a4.fma(mv, cv);
            a5 = a5.fma(mv, cv);
            a6 = a6.fma(mv, cv);
            a7 = a7.fma(mv, cv);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).reduceLanes(VectorOperators.ADD);
    }

    @Benchmark
    @OperationsPerInvocation(ROUNDS * CHAINS * 2 * 16)
    public float fma512() {
        FloatVector mv = FloatVector.broadcast(S512, m);
        FloatVector cv = FloatVector.broadcast(S512, c);
        FloatVector a0 = FloatVector.broadcast(S512, 1f);
        FloatVector a1 = FloatVector.broadcast(S512, 2f);
        FloatVector a2 = FloatVector.broadcast(S512, 3f);
        FloatVector a3 = FloatVector.broadcast(S512, 4f);
        FloatVector a4 = FloatVector.broadcast(S512, 5f);
        FloatVector a5 = FloatVector.broadcast(S512, 6f);
        FloatVector a6 = FloatVector.broadcast(S512, 7f);
        FloatVector a7 = FloatVector.broadcast(S512, 8f);
        for (int i = 0; i < ROUNDS; i++) {
            a0 = a0.fma(mv, cv);
            a1 = a1.fma(mv, cv);
            a2 = a2.fma(mv, cv);
            a3 = a3.fma(mv, cv);
            a4 = a4.fma(mv, cv);
            a5 = a5.fma(mv, cv);
            a6 = a6.fma(mv, cv);
            a7 = a7.fma(mv, cv);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).reduceLanes(VectorOperators.ADD);
    }
}
