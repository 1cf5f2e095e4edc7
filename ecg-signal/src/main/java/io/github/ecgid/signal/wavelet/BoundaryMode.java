package io.github.ecgid.signal.wavelet;

/** How the signal is extended beyond its ends during a discrete wavelet transform (pywt's mode names). */
public enum BoundaryMode {
    /**
     * pywt {@code 'symmetric'} (its default): half-sample mirror {@code ... x1 x0 | x0 x1 ... xn-1 | xn-1 ...}.
     * Each level yields {@code floor((n + F - 1) / 2)} coefficients, so coefficients are redundant at the edges.
     */
    SYMMETRIC,
    /**
     * pywt {@code 'periodization'}: periodic extension with exactly {@code ceil(n / 2)} coefficients per level
     * (odd lengths are first extended by repeating the last sample); an orthogonal transform.
     */
    PERIODIZATION
}
