package io.github.ecgid.core.io;

import io.github.ecgid.core.EcgFormatException;
import java.nio.file.Path;

/**
 * Refuses a read whose arrays cannot fit the Java heap before allocating them, so that a header claiming a
 * billion samples over a sparse file is a typed error instead of an {@link OutOfMemoryError}. The free
 * heap is estimated as the maximum heap minus what is in use now (garbage included), so the check errs on
 * the side of refusing only reads that are close to the limit anyway.
 */
final class HeapBudget {

    private static final long MIB = 1 << 20;

    private HeapBudget() {
    }

    /** Free heap in bytes, estimated. */
    static long free() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    /**
     * @param file  the file being read, for the message
     * @param bytes bytes the read will allocate
     * @param what  what is being read, e.g. {@code "650000 samples x 2 signals"}
     */
    static void require(Path file, long bytes, String what) {
        long free = free();
        if (bytes > free) {
            throw EcgFormatException.inFile(file, "reading " + what + " needs about " + (bytes + MIB - 1) / MIB
                    + " MiB of memory, but only " + free / MIB + " MiB of the Java heap are free; check the sample "
                    + "count in the header, give Java more memory (-Xmx) or read a shorter record");
        }
    }
}
