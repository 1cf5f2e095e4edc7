package io.github.ecgid.device.ads1292r.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes samples live in the origin's ADS1292R CSV format: header {@code timestamp, Channel 1, Channel 2, Channel 3},
 * then one row per sample: whole Unix seconds, raw ECG code, raw respiration code, lead-off bits. Rows are buffered
 * per batch and reach the OS on {@link #flush()}. Not thread-safe.
 */
public final class CsvRecorder implements AutoCloseable {
    /** The seed format's header line. */
    public static final String HEADER = "timestamp, Channel 1, Channel 2, Channel 3";

    private final Path file;
    private final BufferedWriter out;
    private final StringBuilder rows = new StringBuilder(1 << 14);
    private long rowsWritten;

    private CsvRecorder(Path file, BufferedWriter out) {
        this.file = file;
        this.out = out;
    }

    /** Creates the file (it must not exist yet) and writes the header. */
    public static CsvRecorder create(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        BufferedWriter w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file,
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), StandardCharsets.US_ASCII), 1 << 16);
        w.write(HEADER);
        w.write('\n');
        w.flush();
        return new CsvRecorder(file, w);
    }

    /** Queues one row; written by the next {@link #flush()}. */
    public void append(long unixSeconds, int ecgCode, int respCode, int leadOffBits) {
        rows.append(unixSeconds).append(",").append(ecgCode).append(",").append(respCode).append(",")
                .append(leadOffBits).append('\n');
        rowsWritten++;
    }

    /** Hands all queued rows to the OS: after this returns, a crash of this process loses none of them. */
    public void flush() throws IOException {
        if (rows.length() > 0) {
            out.append(rows);
            rows.setLength(0);
        }
        out.flush();
    }

    public Path file() {
        return file;
    }

    public long rowsWritten() {
        return rowsWritten;
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            out.close();
        }
    }
}
