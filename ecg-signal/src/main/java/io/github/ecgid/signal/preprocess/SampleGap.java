package io.github.ecgid.signal.preprocess;

/**
 * A run of non-finite samples (NaN or infinite) that the preprocessor replaced by linear interpolation.
 *
 * @param startSample first bad sample, index in the original (untrimmed) input
 * @param endSample   one past the last bad sample, index in the original input
 */
public record SampleGap(int startSample, int endSample) {
    /**
     * Longest run of invalid samples (NaN: WFDB's missing-value code, a dropped link) that the detector
     * evaluation, the identifier's beat pipeline and the report bridge by default, seconds; longer runs are
     * refused with a {@link SampleGapException}.
     */
    public static final double DEFAULT_MAX_GAP_SECONDS = 0.2;

    public SampleGap {
        if (startSample < 0 || endSample <= startSample) {
            throw new IllegalArgumentException("gap [" + startSample + ", " + endSample + ") is empty or negative");
        }
    }

    /**
     * Checks a longest gap to bridge, in seconds, as every {@code maxGapSeconds} option takes it.
     *
     * @return {@code seconds}
     * @throws IllegalArgumentException unless finite and {@code >= 0}
     */
    public static double requireMaxGapSeconds(double seconds) {
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("maxGapSeconds must be >= 0, got " + seconds);
        }
        return seconds;
    }

    /** Number of samples in the gap. */
    public int lengthSamples() {
        return endSample - startSample;
    }
}
