package io.github.ecgid.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.ecgid.core.Annotation;
import io.github.ecgid.core.EcgFormatException;
import io.github.ecgid.core.EcgRecord;
import io.github.ecgid.core.io.EcgFiles;
import io.github.ecgid.core.io.SeedCsvOptions;
import io.github.ecgid.core.io.SeedCsvReader;
import io.github.ecgid.core.io.WfdbReader;
import io.github.ecgid.core.synth.RPeakFile;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ecgid info <record-or-csv> [--json] [--fs HZ] [--annotator EXT]}: sampling rate, leads, units,
 * length and annotation counts of a WFDB record or an ECG CSV (seed logger or plain format). For a CSV
 * written by {@code ecgid synth}, the true R peaks in the {@code .rpeaks.csv} beside it are counted too.
 */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = {"Summarise an ECG file: sampling rate, leads, units, samples, duration and annotation "
                + "counts by symbol.",
            "Reads a WFDB record (path with or without .hea, e.g. ../shared/data/mitdb/100; its .atr when present), "
                + "a seed-format ADS1292R CSV (header 'timestamp, Channel 1, Channel 2, Channel 3') or a plain "
                + "CSV (header 'time_s,<lead>,...')."})
final class InfoCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<record-or-csv>", description = "WFDB record path or CSV file")
    Path path;

    @Option(names = "--json", description = "print JSON instead of text")
    boolean json;

    @Option(names = "--fs", paramLabel = "HZ", description = "sampling rate of a CSV file (seed CSV default: "
            + "250 Hz; plain CSV: inferred from time_s); WFDB headers carry their own")
    Double samplingRateHz;

    @Option(names = "--annotator", paramLabel = "EXT", description = "WFDB annotation file extension to count "
            + "(default: atr, when present)")
    String annotator;

    @Option(names = "--verbose", description = "print stack traces on errors")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        if (samplingRateHz != null && (!(samplingRateHz > 0) || samplingRateHz.isInfinite())) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--fs must be a positive number of Hz, got "
                    + samplingRateHz);
        }
        EcgFiles.Format format = EcgFiles.detect(path);
        if (format == EcgFiles.Format.WFDB && samplingRateHz != null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--fs applies to CSV files only; a WFDB header carries its own sampling rate");
        }
        if (format != EcgFiles.Format.WFDB && annotator != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--annotator applies to WFDB records only");
        }
        EcgRecord rec;
        if (format == EcgFiles.Format.WFDB) {
            rec = annotator == null ? WfdbReader.read(path) : WfdbReader.read(path, annotator);
        } else {
            rec = EcgFiles.read(path, samplingRateHz == null ? Double.NaN : samplingRateHz);
        }
        Map<String, Object> info = summary(rec, format);
        Path truth = rPeaksFile(path, format);
        int rPeaks = truth == null ? -1 : countRPeaks(truth, rec.length());
        if (truth != null) {
            info.put("trueRPeaks", Map.of("file", truth.toString(), "count", rPeaks));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(info));
        } else {
            printText(out, rec, format);
            if (truth != null) {
                out.printf(Locale.ROOT, "true R peaks:  %d (from %s)%n", rPeaks, truth.getFileName());
            }
        }
        out.flush();
        return 0;
    }

    private Map<String, Object> summary(EcgRecord rec, EcgFiles.Format format) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", rec.source());
        m.put("format", format.name());
        m.put("samplingRateHz", rec.samplingRateHz());
        m.put("leads", rec.leadNames());
        m.put("units", "mV");
        m.put("samples", rec.length());
        m.put("durationSeconds", rec.durationSeconds());
        if (format == EcgFiles.Format.SEED_CSV) {
            SeedCsvOptions o = SeedCsvOptions.defaults();
            m.put("conversion", Map.of("gain", o.gain(), "vrefVolts", o.vrefVolts(),
                    "millivoltsPerCount", o.millivoltsPerCount(), "dcRemoved", true));
        }
        m.put("annotationCount", rec.annotations().size());
        m.put("beatCount", rec.annotations().beatSamples().length);
        m.put("annotations", rec.annotations().countBySymbol());
        return m;
    }

    private void printText(PrintWriter out, EcgRecord rec, EcgFiles.Format format) {
        String what = switch (format) {
            case WFDB -> "WFDB record";
            case SEED_CSV -> "seed CSV (ADS1292R logger; Channel 1 as lead " + SeedCsvReader.ECG_LEAD
                    + ", gain 6, Vref 2.42 V, DC removed)";
            case PLAIN_CSV -> "plain CSV (time_s, leads in mV)";
        };
        out.printf(Locale.ROOT, "source:        %s%n", rec.source());
        out.printf(Locale.ROOT, "format:        %s%n", what);
        out.printf(Locale.ROOT, "sampling rate: %s Hz%n", number(rec.samplingRateHz()));
        out.printf(Locale.ROOT, "leads:         %d (%s)%n", rec.leadCount(), String.join(", ", rec.leadNames()));
        out.printf(Locale.ROOT, "units:         mV%n");
        out.printf(Locale.ROOT, "samples:       %d per lead%n", rec.length());
        out.printf(Locale.ROOT, "duration:      %.3f s (%s)%n", rec.durationSeconds(), clock(rec.durationSeconds()));
        Map<String, Integer> counts = rec.annotations().countBySymbol();
        out.printf(Locale.ROOT, "annotations:   %d (%d beats)%n", rec.annotations().size(),
                rec.annotations().beatSamples().length);
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
        for (Map.Entry<String, Integer> e : sorted) {
            boolean beat = Annotation.of(0, e.getKey()).isBeat();
            out.printf(Locale.ROOT, "  %-4s %7d%s%n", "'" + e.getKey() + "'", e.getValue(), beat ? "  beat" : "");
        }
    }

    /** {@code ecgid synth} writes {@code X.rpeaks.csv} (header {@code sample,time_s}) next to {@code X.csv}. */
    private static Path rPeaksFile(Path csv, EcgFiles.Format format) {
        if (format == EcgFiles.Format.WFDB || !csv.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            return null;
        }
        Path truth = RPeakFile.besideCsv(csv);
        return Files.isRegularFile(truth) ? truth : null;
    }

    private static int countRPeaks(Path file, int length) {
        int[] peaks = RPeakFile.read(file);
        if (peaks.length > 0 && peaks[peaks.length - 1] >= length) {
            throw EcgFormatException.inFile(file, "R peak at sample " + peaks[peaks.length - 1]
                    + " is beyond the recording's last sample " + (length - 1));
        }
        return peaks.length;
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static String clock(double seconds) {
        long ms = Math.round(seconds * 1000);
        return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60,
                ms % 1000);
    }
}
