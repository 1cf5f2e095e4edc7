package io.github.ecgid.core.io;

import io.github.ecgid.core.EcgFormatException;
import io.github.ecgid.core.EcgRecord;
import java.io.Reader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads the origin system's ADS1292R logger CSV ("seed format"):
 *
 * <pre>
 * timestamp, Channel 1, Channel 2, Channel 3
 * 1700000000, -81234, 5321, 0
 * </pre>
 *
 * Channel 1 is the raw 24-bit ECG ADC code, Channel 2 respiration, Channel 3 unused (must still be a
 * number). Timestamps are whole Unix seconds, so the sampling rate comes from {@link SeedCsvOptions}.
 * Samples become mV as {@code (adc - mean) * 2 * Vref * 1000 / (gain * 2^24)}, i.e. the DC level is
 * removed. The file is read line by line; a UTF-8 BOM, CRLF, spaces around cells and trailing blank lines
 * are accepted. Anything else that is off (column count, non-numeric or NaN cell, ADC code outside 24 bits,
 * timestamps going backwards or at another rate, empty file, binary bytes) is an
 * {@link EcgFormatException} naming the file and line.
 *
 * <pre>{@code
 * EcgRecord rec = SeedCsvReader.read(Path.of("ecg_log.csv"));   // 250 Hz, lead "ECG", mV
 * }</pre>
 */
public final class SeedCsvReader {

    /** The logger's header cells, compared case-insensitively after trimming. */
    public static final List<String> HEADER = List.of("timestamp", "Channel 1", "Channel 2", "Channel 3");
    /** Name of the ECG lead (Channel 1) in the returned record. */
    public static final String ECG_LEAD = "ECG";
    /** Name of the respiration lead (Channel 2) when {@link SeedCsvOptions#includeRespiration()} is set. */
    public static final String RESP_LEAD = "RESP";

    private SeedCsvReader() {
    }

    /** Reads with {@link SeedCsvOptions#defaults()} (250 Hz, gain 6, Vref 2.42 V). */
    public static EcgRecord read(Path file) {
        return read(file, SeedCsvOptions.defaults());
    }

    public static EcgRecord read(Path file, SeedCsvOptions options) {
        try (CsvLines lines = CsvLines.open(file)) {
            return read(lines, options);
        }
    }

    /** Reads from a character stream; {@code sourceName} appears in errors and in the record's source. */
    public static EcgRecord read(Reader reader, String sourceName, SeedCsvOptions options) {
        try (CsvLines lines = CsvLines.of(reader, sourceName)) {
            return read(lines, options);
        }
    }

    /** Whether header cells are the seed logger's ({@code timestamp, Channel 1, Channel 2, Channel 3}). */
    static boolean isSeedHeader(String[] cells) {
        if (cells.length != HEADER.size()) {
            return false;
        }
        for (int i = 0; i < cells.length; i++) {
            if (!cells[i].equalsIgnoreCase(HEADER.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static EcgRecord read(CsvLines lines, SeedCsvOptions opt) {
        String header = lines.next();
        if (header == null) {
            throw lines.wholeFile("empty file; expected the header '"
                    + String.join(", ", HEADER) + "' and data rows");
        }
        if (!isSeedHeader(CsvLines.cells(header))) {
            throw lines.error("expected the header '" + String.join(", ", HEADER) + "', found '"
                    + WfdbHeaderParser.abbreviate(header) + "'");
        }
        int[] ecg = new int[1 << 14];
        int[] resp = new int[1 << 14];
        int n = 0;
        long ecgSum = 0;
        long respSum = 0;
        RateCheck rate = new RateCheck();
        String line;
        while ((line = lines.next()) != null) {
            String[] c = CsvLines.cells(line);
            if (c.length != 4) {
                throw lines.error("expected 4 columns (" + String.join(", ", HEADER) + "), found " + c.length);
            }
            double ts = parseTimestamp(lines, c[0]);
            int adc1 = parseAdc(lines, c[1], HEADER.get(1), opt.unsignedAdc());
            int adc2 = parseAdc(lines, c[2], HEADER.get(2), opt.unsignedAdc());
            parseNumber(lines, c[3], HEADER.get(3));
            rate.add(lines, ts);
            if (n == ecg.length) {
                ecg = Arrays.copyOf(ecg, n * 2);
                resp = Arrays.copyOf(resp, n * 2);
            }
            ecg[n] = adc1;
            resp[n] = adc2;
            ecgSum += adc1;
            respSum += adc2;
            n++;
        }
        if (n == 0) {
            throw lines.error(Math.max(1, lines.lineNo()), "no data rows after the header; expected at least one");
        }
        if (opt.checkTimestampRate()) {
            rate.check(lines, opt.samplingRateHz());
        }
        double k = opt.millivoltsPerCount();
        double[] ecgMv = toMv(ecg, n, (double) ecgSum / n, k);
        if (opt.includeRespiration()) {
            double[] respMv = toMv(resp, n, (double) respSum / n, k);
            return EcgRecord.of(opt.samplingRateHz(), List.of(ECG_LEAD, RESP_LEAD), new double[][] {ecgMv, respMv},
                    lines.source(), null);
        }
        return EcgRecord.of(opt.samplingRateHz(), List.of(ECG_LEAD), new double[][] {ecgMv}, lines.source(), null);
    }

    private static double[] toMv(int[] adc, int n, double mean, double k) {
        double[] mv = new double[n];
        for (int i = 0; i < n; i++) {
            mv[i] = (adc[i] - mean) * k;
        }
        return mv;
    }

    private static double parseTimestamp(CsvLines lines, String cell) {
        double v = parseNumber(lines, cell, HEADER.get(0));
        if (v < 0) {
            throw lines.error("expected a Unix timestamp >= 0 in column timestamp, found '" + cell + "'");
        }
        return v;
    }

    private static double parseNumber(CsvLines lines, String cell, String column) {
        if (cell.isEmpty()) {
            throw lines.error("empty cell in column " + column + "; expected a number");
        }
        double v;
        try {
            v = Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw lines.error("expected a number in column " + column + ", found '"
                    + WfdbHeaderParser.abbreviate(cell) + "'");
        }
        if (!Double.isFinite(v)) {
            throw lines.error("expected a finite number in column " + column + ", found '" + cell + "'");
        }
        return v;
    }

    private static int parseAdc(CsvLines lines, String cell, String column, boolean unsigned) {
        long v;
        try {
            v = Long.parseLong(cell);
        } catch (NumberFormatException e) {
            // tolerate "123.0" as written by some tools, but nothing with a fraction
            double d = parseNumber(lines, cell, column);
            if (d != Math.rint(d) || Math.abs(d) > 1e15) {
                throw lines.error("expected an integer ADC code in column " + column + ", found '" + cell + "'");
            }
            v = (long) d;
        }
        if (unsigned) {
            if (v < 0 || v > 0xFFFFFF) {
                throw lines.error("ADC code " + v + " in column " + column
                        + " is outside 24 bits; expected unsigned 0..16777215");
            }
            return (int) (v << 40 >> 40); // two's complement of the 24-bit word
        }
        if (v < SeedCsvOptions.ADC_MIN || v > SeedCsvOptions.ADC_MAX) {
            throw lines.error("ADC code " + v + " in column " + column + " is outside 24 bits; expected "
                    + SeedCsvOptions.ADC_MIN + ".." + SeedCsvOptions.ADC_MAX
                    + (v > SeedCsvOptions.ADC_MAX && v <= 0xFFFFFF ? " (raw unsigned words? use unsignedAdc(true))"
                    : ""));
        }
        return (int) v;
    }

    /** Compares the rows per whole timestamp second with the configured rate. */
    private static final class RateCheck {
        private double first = Double.NaN;
        private double last = Double.NaN;
        private long rowsAfterFirstSecond;
        private long rowsInLastSecond;

        void add(CsvLines lines, double ts) {
            if (Double.isNaN(first)) {
                first = ts;
                last = ts;
                return;
            }
            if (ts < last) {
                throw lines.error(String.format(Locale.ROOT, "timestamp goes backwards: expected >= %s, found %s",
                        plain(last), plain(ts)));
            }
            if (ts > first) {
                rowsAfterFirstSecond++;
            }
            rowsInLastSecond = ts == last ? rowsInLastSecond + 1 : 1;
            last = ts;
        }

        void check(CsvLines lines, double fs) {
            double span = last - first - 1; // whole seconds strictly between the (partial) first and last
            if (span < 3) {
                return;
            }
            double rowsPerSecond = (rowsAfterFirstSecond - rowsInLastSecond) / span;
            if (Math.abs(rowsPerSecond - fs) > 0.25 * fs) {
                throw lines.wholeFile(String.format(Locale.ROOT,
                        "timestamps show %.1f rows per second but the sampling rate is set to %s Hz; "
                                + "pass the logger's rate (or turn checkTimestampRate off)", rowsPerSecond, plain(fs)));
            }
        }

        private static String plain(double v) {
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
        }
    }
}
