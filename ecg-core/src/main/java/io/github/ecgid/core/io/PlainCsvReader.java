package io.github.ecgid.core.io;

import io.github.ecgid.core.EcgFormatException;
import io.github.ecgid.core.EcgRecord;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads plain CSV written by {@link PlainCsvWriter} or by hand: a header {@code time_s,<lead>,...} and one
 * row per sample, time in seconds, samples in mV.
 *
 * <p>The sampling rate is inferred from the time column ({@code (rows - 1) / (last - first)}, rounded to 6
 * significant digits) unless given; time steps must be uniform within 1 % (a gap means missing rows and is
 * an error). Same tolerance as {@link SeedCsvReader}: UTF-8 BOM, CRLF, spaces around cells, trailing blank
 * lines; same strictness: wrong column count, empty, non-numeric or NaN cells are
 * {@link EcgFormatException}s naming file and line.
 *
 * <pre>{@code
 * EcgRecord rec = PlainCsvReader.read(Path.of("100.csv"));
 * }</pre>
 */
public final class PlainCsvReader {

    /** First header cell of the plain format. */
    public static final String TIME_COLUMN = "time_s";

    private static final double STEP_TOLERANCE = 0.01;

    private PlainCsvReader() {
    }

    /** Reads with the sampling rate inferred from the time column (needs at least 2 rows). */
    public static EcgRecord read(Path file) {
        return read(file, Double.NaN);
    }

    /**
     * Reads with a given sampling rate; the time column must agree with it within 1 %.
     *
     * @param samplingRateHz the rate, or NaN to infer it from the time column
     */
    public static EcgRecord read(Path file, double samplingRateHz) {
        try (CsvLines lines = CsvLines.open(file)) {
            return read(lines, samplingRateHz);
        }
    }

    /** Reads from a character stream; {@code sourceName} appears in errors and in the record's source. */
    public static EcgRecord read(Reader reader, String sourceName, double samplingRateHz) {
        try (CsvLines lines = CsvLines.of(reader, sourceName)) {
            return read(lines, samplingRateHz);
        }
    }

    /** Whether header cells are the plain format's ({@code time_s,<lead>,...}). */
    static boolean isPlainHeader(String[] cells) {
        return cells.length >= 2 && cells[0].equalsIgnoreCase(TIME_COLUMN);
    }

    private static EcgRecord read(CsvLines lines, double givenFs) {
        if (!Double.isNaN(givenFs) && (!(givenFs > 0) || Double.isInfinite(givenFs))) {
            throw new IllegalArgumentException("samplingRateHz must be positive and finite (or NaN), got " + givenFs);
        }
        String header = lines.next();
        if (header == null) {
            throw lines.wholeFile("empty file; expected a header 'time_s,<lead>,...' "
                    + "and data rows");
        }
        String[] names = CsvLines.cells(header);
        if (!isPlainHeader(names)) {
            throw lines.error("expected a header 'time_s,<lead>,...' with at least one lead, found '"
                    + WfdbHeaderParser.abbreviate(header) + "'");
        }
        int leads = names.length - 1;
        Set<String> seen = new HashSet<>();
        for (int l = 1; l <= leads; l++) {
            if (names[l].isEmpty()) {
                throw lines.error("lead name in column " + (l + 1) + " is empty; expected a name such as MLII");
            }
            if (!seen.add(names[l])) {
                throw lines.error("lead name '" + names[l] + "' appears twice; expected unique names");
            }
        }
        double[][] mv = new double[leads][1 << 14];
        int n = 0;
        double t0 = Double.NaN;
        double tPrev = Double.NaN;
        double step = Double.isNaN(givenFs) ? Double.NaN : 1.0 / givenFs;
        String line;
        while ((line = lines.next()) != null) {
            String[] c = CsvLines.cells(line);
            if (c.length != names.length) {
                throw lines.error("expected " + names.length + " columns (" + String.join(",", names) + "), found "
                        + c.length);
            }
            double t = number(lines, c[0], TIME_COLUMN);
            if (n == 0) {
                t0 = t;
            } else {
                double dt = t - tPrev;
                if (Double.isNaN(step)) {
                    if (!(dt > 0)) {
                        throw lines.error(String.format(Locale.ROOT,
                                "time must increase; expected > %s s, found %s s", tPrev, t));
                    }
                    step = dt; // the first step sets the grid when no rate was given
                } else if (Math.abs(dt - step) > STEP_TOLERANCE * step) {
                    throw lines.error(String.format(Locale.ROOT, "time step %.9g s, expected %.9g s%s; "
                            + "missing or duplicated rows?", dt, step, Double.isNaN(givenFs) ? " (as between the "
                            + "first two rows)" : " (1/" + givenFs + " Hz)"));
                }
            }
            tPrev = t;
            if (n == mv[0].length) {
                for (int l = 0; l < leads; l++) {
                    mv[l] = Arrays.copyOf(mv[l], n * 2);
                }
            }
            for (int l = 0; l < leads; l++) {
                mv[l][n] = number(lines, c[l + 1], names[l + 1]);
            }
            n++;
        }
        if (n == 0) {
            throw lines.error(Math.max(1, lines.lineNo()), "no data rows after the header; expected at least one");
        }
        double fs = givenFs;
        if (Double.isNaN(fs)) {
            if (n < 2) {
                throw lines.wholeFile("one data row cannot tell the sampling rate; "
                        + "expected at least 2 rows or a given rate");
            }
            fs = new BigDecimal((n - 1) / (tPrev - t0)).round(new MathContext(6)).doubleValue();
        }
        for (int l = 0; l < leads; l++) {
            mv[l] = Arrays.copyOf(mv[l], n);
        }
        return EcgRecord.of(fs, List.of(names).subList(1, names.length), mv, lines.source(), null);
    }

    private static double number(CsvLines lines, String cell, String column) {
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
}
