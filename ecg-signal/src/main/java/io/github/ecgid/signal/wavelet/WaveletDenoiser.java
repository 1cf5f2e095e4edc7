package io.github.ecgid.signal.wavelet;

import io.github.ecgid.core.EcgSignalException;
import io.github.ecgid.signal.filter.RobustStats;
import java.util.Objects;

/**
 * Wavelet shrinkage denoising: decompose, soft-threshold the details, reconstruct.
 *
 * <p>{@link #seed()} is the seed system's step: db6, symmetric extension, level 8 clamped to
 * {@link Dwt#maxLevel}, {@code sigma = median(|cD1|) / 0.6745}, soft threshold
 * {@code sigma * sqrt(2 ln N) / (1 + 0.1 i)} with i = 1 for the coarsest detail
 * ({@link ThresholdRule#SEED_LEVEL_SCALED}); the approximation is kept. Matches a pywt implementation to 1e-10.
 *
 * <pre>{@code
 * double[] clean = WaveletDenoiser.seed().denoise(bandPassedMv);
 * WaveletDenoiser visu = WaveletDenoiser.builder().wavelet("sym8").rule(ThresholdRule.VISU_SHRINK).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe. A flat signal (sigma = 0) passes unchanged; a signal too short for one level
 * ({@code N < filterLength - 1}) is returned unchanged.
 */
public final class WaveletDenoiser {
    private final Wavelet wavelet;
    private final int maxLevel;
    private final ThresholdRule rule;
    private final BoundaryMode mode;

    private WaveletDenoiser(Builder b) {
        this.wavelet = b.wavelet;
        this.maxLevel = b.maxLevel;
        this.rule = b.rule;
        this.mode = b.mode;
    }

    /** The seed system's denoiser: db6, up to level 8, {@link ThresholdRule#SEED_LEVEL_SCALED}, symmetric. */
    public static WaveletDenoiser seed() {
        return builder().build();
    }

    /** A builder starting from the seed settings. */
    public static Builder builder() {
        return new Builder();
    }

    /** Levels actually used for a signal of {@code length} samples: min(maxLevel, Dwt.maxLevel). */
    public int levelsFor(int length) {
        return Math.min(maxLevel, Dwt.maxLevel(length, wavelet));
    }

    /**
     * Denoised copy of {@code x}.
     *
     * @throws EcgSignalException naming the first non-finite sample
     */
    public double[] denoise(double[] x) {
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new EcgSignalException("Sample " + i + " is " + x[i] + "; wavelet denoising needs finite "
                        + "samples");
            }
        }
        int n = x.length;
        int level = n == 0 ? 0 : levelsFor(n);
        if (level == 0) {
            return x.clone();
        }
        double[][] details = new double[level][];
        double[] approx = Dwt.decompose(x, n, wavelet, mode, level, details);
        double[] finest = details[level - 1];
        double[] work = new double[finest.length];
        for (int i = 0; i < finest.length; i++) {
            work[i] = Math.abs(finest[i]);
        }
        double sigma = RobustStats.medianInPlace(work, work.length) / 0.6745;
        double universal = sigma * Math.sqrt(2 * Math.log(n));
        for (int i = 1; i <= level; i++) {
            double thr = rule == ThresholdRule.SEED_LEVEL_SCALED ? universal / (1 + 0.1 * i) : universal;
            softThreshold(details[i - 1], thr);
        }
        double[] y = Dwt.recompose(approx, details, wavelet, mode);
        return y.length == n ? y : java.util.Arrays.copyOf(y, n);
    }

    /** sign(v) * max(|v| - thr, 0) in place. */
    static void softThreshold(double[] c, double thr) {
        if (thr <= 0) {
            return;
        }
        for (int i = 0; i < c.length; i++) {
            double v = c[i];
            double m = Math.abs(v) - thr;
            c[i] = m > 0 ? Math.copySign(m, v) : 0.0;
        }
    }

    public Wavelet wavelet() {
        return wavelet;
    }

    public int maxLevel() {
        return maxLevel;
    }

    public ThresholdRule rule() {
        return rule;
    }

    public BoundaryMode mode() {
        return mode;
    }

    @Override
    public String toString() {
        return "WaveletDenoiser[" + wavelet + ", level <= " + maxLevel + ", " + rule + ", " + mode + "]";
    }

    /** Options for {@link WaveletDenoiser}; defaults are the seed's. */
    public static final class Builder {
        private Wavelet wavelet = Wavelet.of("db6");
        private int maxLevel = 8;
        private ThresholdRule rule = ThresholdRule.SEED_LEVEL_SCALED;
        private BoundaryMode mode = BoundaryMode.SYMMETRIC;

        private Builder() {
        }

        /** Wavelet by pywt name (default {@code db6}). */
        public Builder wavelet(String name) {
            this.wavelet = Wavelet.of(name);
            return this;
        }

        public Builder wavelet(Wavelet w) {
            this.wavelet = Objects.requireNonNull(w, "wavelet");
            return this;
        }

        /** Deepest level (default 8); clamped per signal to {@link Dwt#maxLevel}. */
        public Builder maxLevel(int levels) {
            if (levels < 1) {
                throw new EcgSignalException("Wavelet denoising needs at least 1 level, got " + levels);
            }
            this.maxLevel = levels;
            return this;
        }

        public Builder rule(ThresholdRule r) {
            this.rule = Objects.requireNonNull(r, "rule");
            return this;
        }

        public Builder mode(BoundaryMode m) {
            this.mode = Objects.requireNonNull(m, "mode");
            return this;
        }

        public WaveletDenoiser build() {
            return new WaveletDenoiser(this);
        }
    }
}
