package io.github.ecgid.signal.detect;

/**
 * An R-peak detector fed in chunks of any size, as samples arrive from a device or a file. Peaks and notes go
 * to the {@link RPeakListener} given at creation. Feeding a signal in any chunking gives the same peaks as
 * {@link RPeakDetector#detect} on the whole array (the offline detector is this stream run over the array).
 * Not thread-safe: one thread feeds it. No allocation per sample in steady state.
 *
 * <pre>{@code
 * StreamingRPeakDetector det = RPeakDetectors.byName("pan-tompkins").streaming(250.0, r -> beats.add(r));
 * while ((n = source.read(buf, 0, 64)) >= 0) det.accept(buf[0], 0, n);
 * det.finish();
 * DetectorSnapshot cp = det.snapshot();   // checkpoint; later: fresh.restore(cp)
 * }</pre>
 */
public interface StreamingRPeakDetector {

    /** Feeds {@code length} samples in mV from {@code samplesMv[offset..]}. */
    void accept(double[] samplesMv, int offset, int length);

    /** Feeds one sample in mV. */
    default void accept(double sampleMv) {
        accept(new double[] {sampleMv}, 0, 1);
    }

    /**
     * Declares the end of the signal: a QRS still being confirmed is decided, and a learning phase cut short is
     * completed with what was seen (with a {@link RPeaks.Kind#SHORT_INPUT} note). No samples may follow.
     */
    void finish();

    /** Samples accepted so far (including those before a restored snapshot). */
    long samplesConsumed();

    /** Sampling rate this detector was made for. */
    double samplingRateHz();

    /** Detector name, as {@link RPeakDetectors#byName} takes it. */
    String name();

    /** The full state at the current sample boundary. */
    DetectorSnapshot snapshot();

    /**
     * Replaces this detector's state with a snapshot taken from a detector of the same name, configuration and
     * sampling rate.
     *
     * @throws IllegalArgumentException if the snapshot comes from another detector or configuration
     */
    void restore(DetectorSnapshot snapshot);
}
