package io.github.ecgid.core.io;

import java.util.List;
import java.util.Objects;

/**
 * A parsed WFDB header ({@code .hea}) of a single-segment record.
 *
 * <pre>{@code
 * WfdbHeader h = WfdbReader.readHeader(Path.of("mitdb/100"));
 * h.samplingRateHz();   // 360.0
 * h.sampleCount();      // 650000
 * h.signals().get(0).description(); // "MLII"
 * }</pre>
 *
 * @param recordName     record name from the record line, e.g. {@code "100"}
 * @param samplingRateHz samples per second per signal (250 when the header gives none, as WFDB assumes)
 * @param sampleCount    samples per signal, or -1 when the header does not say (then the data file size decides)
 * @param signals        the signal lines in order
 * @param comments       comment lines without the leading {@code #}, trimmed (age, sex, medication, ...)
 */
public record WfdbHeader(String recordName, double samplingRateHz, long sampleCount, List<WfdbSignal> signals,
                         List<String> comments) {

    public WfdbHeader {
        Objects.requireNonNull(recordName, "recordName");
        signals = List.copyOf(signals);
        comments = List.copyOf(comments);
    }

    /** Number of signals. */
    public int signalCount() {
        return signals.size();
    }

    /** Duration in seconds, or NaN when the sample count is not in the header. */
    public double durationSeconds() {
        return sampleCount < 0 ? Double.NaN : sampleCount / samplingRateHz;
    }
}
