package io.github.ecgid.signal.preprocess;

import java.util.List;
import java.util.Objects;

/**
 * The output of a {@link Preprocessor}: the cleaned samples and how they map to the input.
 *
 * <p>Trimming removes samples at the start, so sample {@code i} here is sample
 * {@link #toOriginalIndex(int) offsetSamples + i} of the input; R-peak positions found in the clean signal
 * map back with {@link #toOriginalIndex(int)}. Arrays are copied in and out.
 *
 * @param samplingRateHz  samples per second
 * @param samplesMv       cleaned samples in mV
 * @param offsetSamples   index in the input of clean sample 0 (the trimmed start)
 * @param originalLength  number of input samples
 * @param stepsApplied    names of the steps that ran, in order (e.g. {@code "notch 50.0 Hz Q 30.0"})
 * @param clippedSamples  samples limited by the outlier clip
 * @param interpolatedGaps non-finite runs replaced by interpolation (original indices); empty when rejected
 * @param flatLine        true when the signal had no variation after trimming (nothing to detect)
 * @param notes           human-readable remarks: skipped steps and why, flat line, gaps
 */
public record CleanSignal(double samplingRateHz, double[] samplesMv, int offsetSamples, int originalLength,
                          List<String> stepsApplied, int clippedSamples, List<SampleGap> interpolatedGaps,
                          boolean flatLine, List<String> notes) {

    public CleanSignal {
        samplesMv = Objects.requireNonNull(samplesMv, "samplesMv").clone();
        stepsApplied = List.copyOf(stepsApplied);
        interpolatedGaps = List.copyOf(interpolatedGaps);
        notes = List.copyOf(notes);
        if (offsetSamples < 0 || offsetSamples + samplesMv.length > originalLength) {
            throw new IllegalArgumentException("clean range [" + offsetSamples + ", "
                    + (offsetSamples + samplesMv.length) + ") outside the " + originalLength + " input samples");
        }
    }

    @Override
    public double[] samplesMv() {
        return samplesMv.clone();
    }

    /** Number of clean samples. */
    public int length() {
        return samplesMv.length;
    }

    /** Duration of the clean signal in seconds. */
    public double durationSeconds() {
        return samplesMv.length / samplingRateHz;
    }

    /** Index in the original input of clean sample {@code cleanIndex}. */
    public int toOriginalIndex(int cleanIndex) {
        return offsetSamples + cleanIndex;
    }

    /** Maps every index of {@code cleanIndices} back to the original input, in a new array. */
    public int[] toOriginalIndices(int[] cleanIndices) {
        int[] out = new int[cleanIndices.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = cleanIndices[i] + offsetSamples;
        }
        return out;
    }

    /** Index in the clean signal of original sample {@code originalIndex}, or -1 if it was trimmed away. */
    public int toCleanIndex(int originalIndex) {
        int i = originalIndex - offsetSamples;
        return i >= 0 && i < samplesMv.length ? i : -1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CleanSignal c && c.samplingRateHz == samplingRateHz
                && java.util.Arrays.equals(c.samplesMv, samplesMv) && c.offsetSamples == offsetSamples
                && c.originalLength == originalLength && c.stepsApplied.equals(stepsApplied)
                && c.clippedSamples == clippedSamples && c.interpolatedGaps.equals(interpolatedGaps)
                && c.flatLine == flatLine && c.notes.equals(notes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(samplingRateHz, java.util.Arrays.hashCode(samplesMv), offsetSamples, originalLength,
                stepsApplied, clippedSamples, interpolatedGaps, flatLine, notes);
    }

    /** Summary only: never prints samples. */
    @Override
    public String toString() {
        return "CleanSignal[" + samplingRateHz + " Hz, " + samplesMv.length + " samples from offset "
                + offsetSamples + " of " + originalLength + ", steps " + stepsApplied + ", clipped "
                + clippedSamples + ", gaps " + interpolatedGaps.size() + (flatLine ? ", FLAT" : "") + "]";
    }
}
