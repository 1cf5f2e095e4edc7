package io.github.ecgid.flink;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * A pass-through map that fails its task once, to exercise recovery from a checkpoint: after {@code afterChunks}
 * chunks or {@code afterSeconds} of wall time after its first chunk, whichever is set. "Once" is per JVM (a static flag), which is what
 * an embedded MiniCluster runs in; on a real cluster each TaskManager JVM would fail once.
 */
public final class FailureInjection implements MapFunction<EcgChunk, EcgChunk> {
    private static final long serialVersionUID = 1L;
    private static final AtomicBoolean FAILED = new AtomicBoolean();
    private static final AtomicInteger INJECTED = new AtomicInteger();

    private final long afterChunks;
    private final long afterNanos;
    private transient long seen;
    private transient long startNanos;

    private FailureInjection(long afterChunks, double afterSeconds) {
        this.afterChunks = afterChunks;
        this.afterNanos = (long) (afterSeconds * 1e9);
    }

    /** Fails once the task has passed {@code chunks} chunks. */
    public static FailureInjection afterChunks(long chunks) {
        return new FailureInjection(chunks, -1);
    }

    /** Fails once, at the first chunk {@code seconds} of wall time after the task's first chunk. */
    public static FailureInjection afterSeconds(double seconds) {
        return new FailureInjection(-1, seconds);
    }

    /** Re-arms the one failure of this JVM (before each run). */
    public static void rearm() {
        FAILED.set(false);
    }

    /** Failures injected in this JVM since it started. */
    public static int injected() {
        return INJECTED.get();
    }

    @Override
    public EcgChunk map(EcgChunk chunk) {
        if (seen++ == 0) {
            startNanos = System.nanoTime();
        }
        boolean due = afterChunks >= 0 ? seen > afterChunks : System.nanoTime() - startNanos >= afterNanos;
        if (due && FAILED.compareAndSet(false, true)) {
            INJECTED.incrementAndGet();
            throw new InjectedFailure("injected task failure at " + chunk + " (test of recovery)");
        }
        return chunk;
    }

    /** The failure thrown; the job restarts from its last checkpoint. */
    public static final class InjectedFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InjectedFailure(String message) {
            super(message);
        }
    }
}
