package io.github.ecgid.signal.detect;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * The complete state of a {@link StreamingRPeakDetector} at a sample boundary: restore it into a fresh detector
 * of the same configuration and it continues exactly where the original stopped, with no sample lost or counted
 * twice. Serializable (Java serialization), and small: a few hundred numbers plus about half a second of signal
 * history.
 *
 * @param detector         detector name, e.g. {@code "pan-tompkins"}
 * @param configHash       fingerprint of the detector's configuration and sampling rate
 * @param samplesConsumed  number of samples accepted before the snapshot
 * @param values           floating-point state, in the detector's private order
 * @param counters         integer state, in the detector's private order
 */
public record DetectorSnapshot(String detector, long configHash, long samplesConsumed, double[] values,
                               long[] counters) implements Serializable {

    private static final long serialVersionUID = 1L;

    public DetectorSnapshot {
        Objects.requireNonNull(detector, "detector");
        values = values.clone();
        counters = counters.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public long[] counters() {
        return counters.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DetectorSnapshot s && s.detector.equals(detector) && s.configHash == configHash
                && s.samplesConsumed == samplesConsumed && Arrays.equals(s.values, values)
                && Arrays.equals(s.counters, counters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(detector, configHash, samplesConsumed, Arrays.hashCode(values), Arrays.hashCode(counters));
    }

    /** Summary only: the snapshot holds recent signal, which is not logged. */
    @Override
    public String toString() {
        return "DetectorSnapshot[" + detector + ", after " + samplesConsumed + " samples]";
    }
}
