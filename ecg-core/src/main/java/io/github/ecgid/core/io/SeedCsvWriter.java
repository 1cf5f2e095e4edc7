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
 * Writes a record in the origin system's ADS1292R logger CSV format ({@link SeedCsvReader}): one ECG lead
 * as 24-bit ADC codes in Channel 1, respiration in Channel 2 (the record's {@code "RESP"} lead, else 0),
 * 0 in Channel 3, and whole-second timestamps from {@link SeedCsvOptions#startEpochSecond()}.
 *
 * <p>Codes are {@code round(mV / millivoltsPerCount)}. The seed format has no DC level (the reader
 * subtracts the mean), so reading a written file gives back {@code mV - mean(mV)} within half an ADC count
 * (about 24 nV with the defaults). A sample beyond the 24-bit range (about ±402 mV with the defaults) or
 * a NaN is an {@link EcgSignalException}.
 *
 * <pre>{@code
 * SeedCsvWriter.write(record, Path.of("person01.csv"));
 * }</pre>
 */
public final class SeedCsvWriter {

    private SeedCsvWriter() {
    }

    /** Writes the record's {@code "ECG"} lead (else its first lead) with default options. */
    public static void write(EcgRecord record, Path file) {
        write(record, file, SeedCsvOptions.defaults());
    }

    /** Writes the record's {@code "ECG"} lead (else its first lead). */
    public static void write(EcgRecord record, Path file, SeedCsvOptions options) {
        String lead = record.hasLead(SeedCsvReader.ECG_LEAD) ? SeedCsvReader.ECG_LEAD : record.leadNames().get(0);
        write(record, lead, file, options);
    }

    /** Writes the named lead as Channel 1. */
    public static void write(EcgRecord record, String ecgLead, Path file, SeedCsvOptions options) {
        checkRate(record, options);
        record.leadIndex(ecgLead);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            write(record, ecgLead, w, options);
        } catch (IOException e) {
            PlainCsvWriter.deleteQuietly(file);
            throw new EcgIoException("cannot write " + file + ": " + e.getMessage(), e);
        } catch (EcgIoException e) { // from the Writer overload: name the file, not the record
            PlainCsvWriter.deleteQuietly(file);
            throw new EcgIoException("cannot write " + file + ": " + e.getCause().getMessage(),
                    (IOException) e.getCause());
        } catch (RuntimeException e) {
            PlainCsvWriter.deleteQuietly(file); // no half-written file left behind
            throw e;
        }
    }

    private static void checkRate(EcgRecord record, SeedCsvOptions options) {
        if (Math.abs(record.samplingRateHz() - options.samplingRateHz()) > 1e-9 * record.samplingRateHz()) {
            throw new EcgSignalException("record " + record.source() + " is at " + record.samplingRateHz()
                    + " Hz but the seed options say " + options.samplingRateHz()
                    + " Hz; the CSV cannot store the rate, so set options.samplingRateHz to the record's");
        }
    }

    /** Writes to a character stream (not closed). */
    public static void write(EcgRecord record, String ecgLead, Writer out, SeedCsvOptions options) {
        checkRate(record, options);
        int ecgIndex = record.leadIndex(ecgLead);
        int respIndex = record.hasLead(SeedCsvReader.RESP_LEAD) && !SeedCsvReader.RESP_LEAD.equals(ecgLead)
                ? record.leadIndex(SeedCsvReader.RESP_LEAD) : -1;
        double perCount = options.millivoltsPerCount();
        int n = record.length();
        int chunk = 4096;
        double[] ecg = new double[chunk];
        double[] resp = new double[chunk];
        BufferedWriter w = out instanceof BufferedWriter b ? b : new BufferedWriter(out, 1 << 16);
        StringBuilder sb = new StringBuilder(64);
        try {
            w.write(String.join(", ", SeedCsvReader.HEADER));
            w.write('\n');
            for (int from = 0; from < n; from += chunk) {
                int len = Math.min(chunk, n - from);
                record.copyLead(ecgIndex, from, ecg, 0, len);
                if (respIndex >= 0) {
                    record.copyLead(respIndex, from, resp, 0, len);
                }
                for (int j = 0; j < len; j++) {
                    int i = from + j;
                    long ts = options.startEpochSecond() + (long) Math.floor(i / options.samplingRateHz());
                    sb.setLength(0);
                    sb.append(ts).append(',')
                            .append(toAdc(ecg[j], perCount, options, record, ecgLead, i)).append(',')
                            .append(respIndex >= 0 ? toAdc(resp[j], perCount, options, record,
                                    SeedCsvReader.RESP_LEAD, i) : 0)
                            .append(",0\n");
                    w.append(sb);
                }
            }
            w.flush();
        } catch (IOException e) {
            throw new EcgIoException("cannot write seed CSV for " + record.source() + ": " + e.getMessage(), e);
        }
    }

    private static long toAdc(double mv, double perCount, SeedCsvOptions options, EcgRecord record, String lead,
                              int index) {
        if (!Double.isFinite(mv)) {
            throw new EcgSignalException("sample " + index + " of lead " + lead + " in " + record.source()
                    + " is " + mv + "; expected a finite value in mV");
        }
        long adc = Math.round(mv / perCount);
        if (adc < SeedCsvOptions.ADC_MIN || adc > SeedCsvOptions.ADC_MAX) {
            throw new EcgSignalException("sample " + index + " of lead " + lead + " in " + record.source() + " ("
                    + mv + " mV) is outside the 24-bit ADC range of +/-" + (SeedCsvOptions.ADC_MAX * perCount)
                    + " mV at gain " + options.gain());
        }
        return options.unsignedAdc() ? adc & 0xFFFFFF : adc;
    }
}
