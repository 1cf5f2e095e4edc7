package io.github.ecgid.core.io;

import io.github.ecgid.core.EcgIoException;
import io.github.ecgid.core.EcgRecord;
import io.github.ecgid.core.EcgSignalException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a record as plain CSV, {@code time_s,<lead>,<lead>...}, one row per sample, time in seconds from
 * the record's start with nanosecond resolution and samples in mV in Java's shortest exact decimal form, so
 * {@link PlainCsvReader} gives back the same doubles and the same sampling rate. Lead names must not
 * contain commas or line breaks.
 *
 * <pre>{@code
 * PlainCsvWriter.write(WfdbReader.read(Path.of("mitdb/100")), Path.of("100.csv"));
 * }</pre>
 */
public final class PlainCsvWriter {

    private PlainCsvWriter() {
    }

    public static void write(EcgRecord record, Path file) {
        checkLeadNames(record);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(record, w);
        } catch (IOException e) {
            deleteQuietly(file);
            throw new EcgIoException("cannot write " + file + ": " + e.getMessage(), e);
        } catch (EcgIoException e) { // from the Writer overload: name the file, not the record
            deleteQuietly(file);
            throw new EcgIoException("cannot write " + file + ": " + e.getCause().getMessage(),
                    (IOException) e.getCause());
        } catch (RuntimeException e) {
            deleteQuietly(file); // no half-written file left behind
            throw e;
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the original error matters more
        }
    }

    private static void checkLeadNames(EcgRecord record) {
        for (String name : record.leadNames()) {
            if (name.indexOf(',') >= 0 || name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0 || name.isBlank()
                    || !name.equals(name.strip())) {
                throw new EcgSignalException("lead name '" + name + "' of " + record.source()
                        + " cannot be a plain CSV column; expected no commas, line breaks or surrounding spaces");
            }
        }
    }

    /** Writes to a character stream (not closed). */
    public static void write(EcgRecord record, Writer out) {
        checkLeadNames(record);
        BufferedWriter w = out instanceof BufferedWriter b ? b : new BufferedWriter(out, 1 << 16);
        int leads = record.leadCount();
        int n = record.length();
        int chunk = 4096;
        double[][] buf = new double[leads][chunk];
        StringBuilder sb = new StringBuilder(128);
        try {
            w.write(PlainCsvReader.TIME_COLUMN);
            for (String name : record.leadNames()) {
                w.write(',');
                w.write(name);
            }
            w.write('\n');
            for (int from = 0; from < n; from += chunk) {
                int len = Math.min(chunk, n - from);
                for (int l = 0; l < leads; l++) {
                    record.copyLead(l, from, buf[l], 0, len);
                }
                for (int j = 0; j < len; j++) {
                    sb.setLength(0);
                    appendSeconds(sb, Math.round((from + j) * 1e9 / record.samplingRateHz()));
                    for (int l = 0; l < leads; l++) {
                        double v = buf[l][j];
                        if (!Double.isFinite(v)) {
                            throw new EcgSignalException("sample " + (from + j) + " of lead "
                                    + record.leadNames().get(l) + " in " + record.source() + " is " + v
                                    + "; plain CSV needs finite mV values");
                        }
                        sb.append(',').append(v);
                    }
                    sb.append('\n');
                    w.append(sb);
                }
            }
            w.flush();
        } catch (IOException e) {
            throw new EcgIoException("cannot write plain CSV for " + record.source() + ": " + e.getMessage(), e);
        }
    }

    /** Nanoseconds as seconds with 9 decimals, without String.format's cost per row. */
    private static void appendSeconds(StringBuilder sb, long nanos) {
        sb.append(nanos / 1_000_000_000L).append('.');
        String frac = Long.toString(nanos % 1_000_000_000L);
        for (int i = frac.length(); i < 9; i++) {
            sb.append('0');
        }
        sb.append(frac);
    }
}
