package io.github.ecgid.signal.filter;

import io.github.ecgid.core.EcgSignalException;

/**
 * The sampling rates ecgid's signal processing supports: 100 to 2000 Hz inclusive.
 *
 * <p>Below 100 Hz the QRS complex (10-40 Hz) is not represented; above 2000 Hz the narrow low-frequency
 * IIR sections used here (0.5 Hz high-pass edge) lose precision.
 */
public final class SamplingRates {
    /** Lowest supported sampling rate in Hz. */
    public static final double MIN_HZ = 100.0;
    /** Highest supported sampling rate in Hz. */
    public static final double MAX_HZ = 2000.0;

    private SamplingRates() {
    }

    /**
     * Returns {@code samplingRateHz} if it lies in [{@value #MIN_HZ}, {@value #MAX_HZ}] Hz, else throws.
     *
     * @throws EcgSignalException naming the value and the supported range
     */
    public static double requireSupported(double samplingRateHz) {
        if (!(samplingRateHz >= MIN_HZ && samplingRateHz <= MAX_HZ)) {
            throw new EcgSignalException("Sampling rate " + samplingRateHz + " Hz is outside the supported range "
                    + MIN_HZ + " to " + MAX_HZ + " Hz; resample the signal first");
        }
        return samplingRateHz;
    }
}
