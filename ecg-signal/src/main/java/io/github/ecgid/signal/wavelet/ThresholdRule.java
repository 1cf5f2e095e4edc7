package io.github.ecgid.signal.wavelet;

/**
 * How {@link WaveletDenoiser} sets the soft threshold of each detail level. Both start from the noise level
 * {@code sigma = median(|cD1|) / 0.6745} (finest details) and the universal threshold
 * {@code sigma * sqrt(2 ln N)} for a signal of N samples.
 */
public enum ThresholdRule {
    /**
     * The seed system's rule (the default): level i, counted from i = 1 for the coarsest detail towards the
     * finest, gets {@code sigma * sqrt(2 ln N) / (1 + 0.1 i)}; finer details are thresholded slightly less.
     */
    SEED_LEVEL_SCALED,
    /** Textbook VisuShrink (Donoho and Johnstone 1994): the universal threshold on every detail level. */
    VISU_SHRINK
}
