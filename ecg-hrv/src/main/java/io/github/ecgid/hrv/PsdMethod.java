package io.github.ecgid.hrv;

/** How the power spectral density of the RR series is estimated. */
public enum PsdMethod {
    /**
     * Welch's method on the RR series resampled at 4 Hz by a natural cubic spline: Hann window, 50 % overlap,
     * segment length two cycles of the lowest band edge that fits in half the series, zero-padded to twice
     * that length.
     */
    WELCH,
    /** Lomb–Scargle periodogram of the unevenly sampled RR series itself; O(beats × frequencies). */
    LOMB_SCARGLE
}
