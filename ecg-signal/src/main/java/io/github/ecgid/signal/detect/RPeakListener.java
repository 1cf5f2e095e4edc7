package io.github.ecgid.signal.detect;

/**
 * Receives what a {@link StreamingRPeakDetector} finds, on the thread that calls
 * {@link StreamingRPeakDetector#accept}. Implementations should return quickly.
 */
public interface RPeakListener {

    /**
     * An R-peak was confirmed.
     *
     * @param indexSamples position of the R-peak, counted from the first sample the detector (or the detector
     *                     whose snapshot it was restored from) accepted
     */
    void onPeak(long indexSamples);

    /** A stretch was skipped or could not be judged (default: ignored). */
    default void onNote(RPeaks.Note note) {
    }
}
