package io.github.ecgid.core;

import java.util.List;

/**
 * A stream of ECG samples in mV at a fixed sampling rate: file replay, the synthetic generator or a live
 * device all implement it, so consumers (R-peak detectors, {@code EcgIdentifier.monitor}, the dashboard)
 * take any of them. Pull-based: {@link #read} blocks until at least one sample is available or the stream
 * ends. Close it, best with try-with-resources. Implementations are not required to be thread-safe: one
 * consumer thread reads.
 *
 * <pre>{@code
 * try (EcgSource src = EcgSource.replay(record)) {
 *     double[][] buf = new double[src.leadNames().size()][256];
 *     int n;
 *     while ((n = src.read(buf, 0, 256)) >= 0) { detector.accept(buf[0], 0, n); }
 * }
 * }</pre>
 */
public interface EcgSource extends AutoCloseable {

    /** Samples per second per lead. */
    double samplingRateHz();

    /** Names of the leads, in the order of the arrays {@link #read} fills. */
    List<String> leadNames();

    /**
     * Reads up to {@code maxSamples} samples of every lead into {@code destMv[lead][offset..]}, in mV.
     *
     * @return the number of samples read per lead (at least 1), or -1 when the stream has ended
     * @throws EcgException when the underlying source fails (device lost, corrupt file)
     */
    int read(double[][] destMv, int offset, int maxSamples);

    /** Releases the underlying file, port or thread; idempotent. */
    @Override
    void close();

    /** Replays a record as fast as the consumer reads. */
    static EcgSource replay(EcgRecord record) {
        return new RecordSource(record, 0);
    }

    /**
     * Replays a record paced at {@code speed} times real time (1.0 = the record's sampling rate), as a
     * device would deliver it.
     */
    static EcgSource replay(EcgRecord record, double speed) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be > 0, got " + speed);
        }
        return new RecordSource(record, speed);
    }
}
