package io.github.ecgid.core.io;

import io.github.ecgid.core.EcgFormatException;
import io.github.ecgid.core.EcgRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads any ECG file ecgid knows, choosing the reader from the path and the CSV header: a WFDB record
 * (path with or without {@code .hea}), a seed-format ADS1292R CSV ({@code timestamp, Channel 1, ...}) or a
 * plain CSV ({@code time_s,<lead>,...}).
 *
 * <pre>{@code
 * EcgRecord a = EcgFiles.read(Path.of("../shared/data/mitdb/100"));
 * EcgRecord b = EcgFiles.read(Path.of("ecg_log.csv"), 500);   // seed CSV logged at 500 Hz
 * }</pre>
 */
public final class EcgFiles {

    /** The file formats {@link #detect} tells apart. */
    public enum Format {
        /** PhysioNet WFDB record ({@code .hea} + signal files, optional {@code .atr}). */
        WFDB,
        /** The origin system's ADS1292R logger CSV, see {@link SeedCsvReader}. */
        SEED_CSV,
        /** {@code time_s,<lead>,...} in mV, see {@link PlainCsvReader}. */
        PLAIN_CSV
    }

    private EcgFiles() {
    }

    /** Reads with defaults: WFDB with its {@code .atr}, seed CSV at 250 Hz, plain CSV at its inferred rate. */
    public static EcgRecord read(Path path) {
        return read(path, Double.NaN);
    }

    /**
     * Reads a CSV at a given sampling rate (NaN: the default). WFDB headers carry their own rate, so for a
     * WFDB record a rate is only accepted when it equals the header's.
     */
    public static EcgRecord read(Path path, double samplingRateHz) {
        Format format = detect(path);
        return switch (format) {
            case WFDB -> {
                EcgRecord rec = WfdbReader.read(path);
                if (!Double.isNaN(samplingRateHz) && samplingRateHz != rec.samplingRateHz()) {
                    throw new IllegalArgumentException("a sampling rate applies to CSV files only: WFDB record "
                            + path + " is at " + rec.samplingRateHz() + " Hz per its header, not " + samplingRateHz);
                }
                yield rec;
            }
            case SEED_CSV -> SeedCsvReader.read(path, Double.isNaN(samplingRateHz) ? SeedCsvOptions.defaults()
                    : SeedCsvOptions.defaults().withSamplingRateHz(samplingRateHz));
            case PLAIN_CSV -> PlainCsvReader.read(path, samplingRateHz);
        };
    }

    /** Tells the format from the name ({@code .hea}, a sibling {@code .hea}) or the first CSV line. */
    public static Format detect(Path path) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".hea")) {
            return Format.WFDB;
        }
        boolean csvName = lower.endsWith(".csv");
        if (!csvName && Files.isRegularFile(WfdbReader.withExtension(path, "hea"))) {
            return Format.WFDB;
        }
        if (!Files.isRegularFile(path)) {
            throw EcgFormatException.inFile(path, csvName ? "CSV file not found"
                    : "no such file, and no WFDB header " + WfdbReader.withExtension(path, "hea").getFileName()
                    + " next to it; expected a WFDB record path (e.g. mitdb/100) or a .csv file");
        }
        String header;
        try (CsvLines lines = CsvLines.open(path)) {
            header = lines.next();
        }
        if (header == null) {
            throw EcgFormatException.inFile(path, "empty file; expected a CSV header such as 'timestamp, Channel 1, "
                    + "Channel 2, Channel 3' or 'time_s,<lead>,...'");
        }
        String[] cells = CsvLines.cells(header);
        if (SeedCsvReader.isSeedHeader(cells)) {
            return Format.SEED_CSV;
        }
        if (PlainCsvReader.isPlainHeader(cells)) {
            return Format.PLAIN_CSV;
        }
        throw EcgFormatException.atLine(path, 1, "unknown CSV header; expected '"
                + String.join(", ", SeedCsvReader.HEADER) + "' (seed logger) or 'time_s,<lead>,...' (plain), found '"
                + WfdbHeaderParser.abbreviate(header) + "'");
    }
}
