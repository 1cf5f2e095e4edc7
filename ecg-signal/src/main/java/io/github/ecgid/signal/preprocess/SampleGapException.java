package io.github.ecgid.signal.preprocess;

import io.github.ecgid.core.EcgSignalException;

/**
 * A run of invalid samples (NaN or infinite; WFDB's missing-value code reads as NaN) longer than the chain
 * bridges. Carries the gap and the limit, so a tool can name its own option for the limit in its message.
 */
public class SampleGapException extends EcgSignalException {
    private static final long serialVersionUID = 1L;

    private final SampleGap gap;
    private final double maxGapSeconds;
    private final double samplingRateHz;

    /**
     * @param message        what, where and what to do, for library callers
     * @param gap            the offending run, indices into the original input
     * @param maxGapSeconds  the longest run the chain bridges (0: none)
     * @param samplingRateHz the input's rate
     */
    public SampleGapException(String message, SampleGap gap, double maxGapSeconds, double samplingRateHz) {
        super(message);
        this.gap = gap;
        this.maxGapSeconds = maxGapSeconds;
        this.samplingRateHz = samplingRateHz;
    }

    /** The run that is too long. */
    public SampleGap gap() {
        return gap;
    }

    /** The longest run bridged, in seconds (0 when every invalid sample is refused). */
    public double maxGapSeconds() {
        return maxGapSeconds;
    }

    /** The input's sampling rate, Hz. */
    public double samplingRateHz() {
        return samplingRateHz;
    }

    /** The gap's length in seconds. */
    public double gapSeconds() {
        return gap.lengthSamples() / samplingRateHz;
    }
}
