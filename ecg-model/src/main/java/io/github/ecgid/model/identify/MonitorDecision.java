package io.github.ecgid.model.identify;

/**
 * One decision of a continuous-verification {@link Monitor}: made each time a window of beats completes.
 *
 * @param identification  who the window's beats belong to; {@link Identification#tooNoisy() too noisy}, naming nobody,
 *                        when fewer than half of the window's beats were usable ({@link SignalQuality})
 * @param endSample       index, in the source's samples, of the R-peak that completed the window
 * @param beatsDetected   R-peaks detected in the window
 * @param beatsUsed       beats that passed the quality gate and entered the decision
 * @param signalQuality   share of the window's detected beats that were usable, in [0, 1]
 * @param latencyMillis   wall time from the arrival of the sample that completed the last beat to this decision
 * @param note            why a window was judged noisy, empty otherwise
 */
public record MonitorDecision(Identification identification, long endSample, int beatsDetected, int beatsUsed,
                              double signalQuality, double latencyMillis, String note) {

    /** Whether the window had too few usable beats for a reliable decision. */
    public boolean noisy() {
        return identification.tooNoisy();
    }
}
