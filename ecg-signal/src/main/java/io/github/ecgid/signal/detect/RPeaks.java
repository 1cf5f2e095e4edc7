package io.github.ecgid.signal.detect;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The R-peaks an {@link RPeakDetector} found in one signal, with notes on what it could not use.
 *
 * <pre>{@code
 * RPeaks peaks = RPeakDetectors.byName("pan-tompkins").detect(mv, 360.0);
 * int[] r = peaks.indexSamples();          // ascending sample indices into mv
 * double[] rrMs = peaks.rrIntervalsMs();
 * peaks.notes().forEach(n -> log.info("{}", n)); // e.g. skipped NaN stretches
 * }</pre>
 *
 * @param indexSamples   R-peak sample indices, strictly ascending (copied in and out)
 * @param samplingRateHz sampling rate of the signal the indices refer to
 * @param notes          stretches the detector skipped or could not judge, with the reason
 */
public record RPeaks(int[] indexSamples, double samplingRateHz, List<Note> notes) {

    public RPeaks {
        indexSamples = Objects.requireNonNull(indexSamples, "indexSamples").clone();
        notes = List.copyOf(notes);
    }

    @Override
    public int[] indexSamples() {
        return indexSamples.clone();
    }

    /** Number of R-peaks. */
    public int count() {
        return indexSamples.length;
    }

    /** R-peak times in seconds from the first sample. */
    public double[] timesSeconds() {
        double[] t = new double[indexSamples.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = indexSamples[i] / samplingRateHz;
        }
        return t;
    }

    /** Intervals between successive R-peaks in milliseconds ({@code count() - 1} values). */
    public double[] rrIntervalsMs() {
        double[] rr = new double[Math.max(0, indexSamples.length - 1)];
        for (int i = 0; i < rr.length; i++) {
            rr[i] = (indexSamples[i + 1] - indexSamples[i]) * 1000.0 / samplingRateHz;
        }
        return rr;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RPeaks p && Arrays.equals(p.indexSamples, indexSamples)
                && p.samplingRateHz == samplingRateHz && p.notes.equals(notes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(indexSamples), samplingRateHz, notes);
    }

    @Override
    public String toString() {
        return "RPeaks[" + indexSamples.length + " peaks at " + samplingRateHz + " Hz, " + notes.size() + " notes]";
    }

    /**
     * A stretch of samples the detector skipped or could not judge.
     *
     * @param fromSample first sample of the stretch (inclusive)
     * @param toSample   end of the stretch (exclusive)
     * @param kind       what happened
     * @param detail     human-readable reason
     */
    public record Note(long fromSample, long toSample, Kind kind, String detail) implements java.io.Serializable {
        public Note {
            Objects.requireNonNull(kind, "kind");
            detail = detail == null ? "" : detail;
        }

        @Override
        public String toString() {
            return kind + " [" + fromSample + ", " + toSample + "): " + detail;
        }
    }

    /** Why a stretch was skipped or could not be judged. */
    public enum Kind {
        /** NaN or infinite samples; the detector restarted its filters after them. */
        NON_FINITE,
        /** Identical successive samples (flat line, lead off or ADC saturation). */
        FLAT_OR_SATURATED,
        /** No QRS-like activity: thresholds could not be learned or no beat for a long time. */
        NO_ACTIVITY,
        /** The input ended before the learning phase was complete; detections are provisional. */
        SHORT_INPUT,
        /** Too many notes; the rest were counted, not listed. */
        NOTES_TRUNCATED
    }
}
