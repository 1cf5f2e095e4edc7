package io.github.ecgid.core.synth;

import io.github.ecgid.core.Annotation;
import io.github.ecgid.core.Annotations;
import io.github.ecgid.core.EcgException;
import io.github.ecgid.core.EcgFormatException;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The ground-truth R-peak file that {@code ecgid synth} writes next to each CSV
 * ({@code personNN_sessionK.rpeaks.csv}): a header {@code sample,time_s}, then one line per R peak with its
 * 0-based sample index and its time in seconds.
 *
 * <pre>{@code
 * RPeakFile.write(Path.of("p1.rpeaks.csv"), rec.rPeakSamples(), rec.samplingRateHz());
 * int[] truth = RPeakFile.read(Path.of("p1.rpeaks.csv"));
 * EcgRecord annotated = csvRecord.withAnnotations(RPeakFile.toAnnotations(truth));
 * }</pre>
 */
public final class RPeakFile {

    /** The header line. */
    public static final String HEADER = "sample,time_s";
    /** File-name suffix used by {@code ecgid synth}: {@code <stem>.rpeaks.csv} next to {@code <stem>.csv}. */
    public static final String SUFFIX = ".rpeaks.csv";

    private RPeakFile() {
    }

    /** Writes ascending sample indices with their times at {@code samplingRateHz}. */
    public static void write(Path file, int[] rPeakSamples, double samplingRateHz) {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            w.write(HEADER);
            w.write('\n');
            for (int p : rPeakSamples) {
                w.write(p + "," + String.format(Locale.ROOT, "%.6f", p / samplingRateHz) + "\n");
            }
        } catch (IOException e) {
            throw new EcgException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads the sample indices (the first column). Blank lines are skipped.
     *
     * @throws EcgFormatException naming the line when the header is wrong, a cell is not a non-negative
     *                            integer, or the peaks are not strictly ascending
     */
    public static int[] read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw EcgFormatException.inFile(file, "R-peak file not found");
        }
        List<Integer> peaks = new ArrayList<>();
        try (io.github.ecgid.core.io.BoundedLineReader r = io.github.ecgid.core.io.BoundedLineReader.open(file, StandardCharsets.US_ASCII, "R-peak file")) {
            String header = r.readLine();
            if (header == null || !header.strip().equals(HEADER)) {
                throw EcgFormatException.atLine(file, 1, "expected the header '" + HEADER + "', found '"
                        + (header == null ? "end of file" : header.strip()) + "'");
            }
            String line;
            long lineNo = 1;
            int previous = -1;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String cell = line.split(",", -1)[0].strip();
                int sample;
                try {
                    sample = Integer.parseInt(cell);
                } catch (NumberFormatException e) {
                    throw EcgFormatException.atLine(file, lineNo, "expected a sample index, found '" + cell + "'");
                }
                if (sample <= previous) {
                    throw EcgFormatException.atLine(file, lineNo, "expected a sample index above " + previous
                            + " (ascending, >= 0), found " + sample);
                }
                previous = sample;
                peaks.add(sample);
            }
        } catch (IOException e) {
            throw EcgFormatException.inFile(file.toString(), "cannot read: " + e.getMessage(), e);
        }
        return peaks.stream().mapToInt(Integer::intValue).toArray();
    }

    /** {@code 'N'} beat annotations at the given samples. */
    public static Annotations toAnnotations(int[] rPeakSamples) {
        return Annotations.of(Arrays.stream(rPeakSamples).mapToObj(p -> Annotation.of(p, "N")).toList());
    }

    /** The R-peak file that belongs to a CSV written by {@code ecgid synth} ({@code x.csv -> x.rpeaks.csv}). */
    public static Path besideCsv(Path csv) {
        String name = csv.getFileName().toString();
        String stem = name.toLowerCase(Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        return csv.resolveSibling(stem + SUFFIX);
    }
}
