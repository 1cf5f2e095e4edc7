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
    /** Whether non-finite input is sure to reach the coarsest approximation (see denoise12). */
    private final boolean allTapsNonZero;

    private WaveletDenoiser(Builder b) {
        this.wavelet = b.wavelet;
        this.maxLevel = b.maxLevel;
        this.rule = b.rule;
        this.mode = b.mode;
        this.allTapsNonZero = noZero(wavelet.decLoRef()) && noZero(wavelet.decHiRef());
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
        double[] y = x.clone();
        denoiseInPlace(y);
        return y;
    }

    /**
     * Denoises {@code x} in place (same result as {@link #denoise(double[])}, without the output copy).
     *
     * @throws EcgSignalException naming the first non-finite sample; {@code x} is then unchanged
     */
    public void denoiseInPlace(double[] x) {
        int n = x.length;
        int level = n == 0 ? 0 : levelsFor(n);
        if (level > 0 && Dwt.hasFastPath(wavelet, mode) && allTapsNonZero) {
            // checks finiteness after the analysis, on the coarsest approximation (see denoise12)
            denoise12(x, n, level);
            return;
        }
        requireFinite(x);
        if (level == 0) {
            return;
        }
        double[][] details = new double[level][];
        double[] approx = Dwt.decompose(x, n, wavelet, mode, level, details);
        threshold(details, n, level);
        double[] y = Dwt.recompose(approx, details, wavelet, mode);
        System.arraycopy(y, 0, x, 0, n);
    }

    private static void requireFinite(double[] x) {
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new EcgSignalException("Sample " + i + " is " + x[i] + "; wavelet denoising needs finite "
                        + "samples");
            }
        }
    }

    private static boolean allFinite(double[] a, int n) {
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(a[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean noZero(double[] f) {
        for (double v : f) {
            if (v == 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The 12-tap symmetric path (the seed's db6): one approximation buffer (and x) reused by every level, L1-sized
     * scratch for the blocked kernels, and the last synthesis level written straight into {@code x}.
     */
    private void denoise12(double[] x, int n, int level) {
        double[] lo = Dwt.reversed(wavelet.decLoRef());
        double[] hi = Dwt.reversed(wavelet.decHiRef());
        Dwt.Scratch12 s = new Dwt.Scratch12();
        int n1 = (n + 11) / 2;
        double[] approx = new double[n1 + 6];
        double[][] details = new double[level][];
        double[] in = x;
        int len = n;
        for (int lev = 0; lev < level; lev++) {
            double[] d = new double[(len + 11) / 2];
            len = Dwt.analyze12(in, len, lo, hi, s, approx, d);
            details[level - 1 - lev] = d;
            in = approx;
        }
        // Instead of a pass over x before the transform: with every analysis tap non-zero, each coefficient is
        // a sum over its inputs with non-zero weights, so a non-finite sample (inf * w stays infinite, inf - inf
        // and NaN give NaN) makes at least one coefficient of every level non-finite, down to the few coarsest
        // approximation coefficients. Only when one of those is non-finite is x scanned, for the documented
        // error; x is still unchanged here (the analysis writes to its own buffers). If the scan finds nothing
        // (finite samples overflowed), denoising goes on as it always did.
        if (!allFinite(approx, len)) {
            requireFinite(x);
        }
        threshold(details, n, level);
        double[] g = wavelet.recLoRef();
        double[] gh = wavelet.recHiRef();
        int aLen = len;
        // The synthesis alternates between approx and x as scratch (x's content now lives in the coefficients,
        // and x receives the last level; no second n/2 buffer to allocate and zero). The level before the last
        // must land in approx, which the last one reads while writing x: with an even number of levels the
        // coarsest approximation (a few hundred values) first moves to x so that the alternation ends there.
        double[] cur = approx;
        double[] other = x;
        if (level % 2 == 0) {
            System.arraycopy(approx, 0, x, 0, len);
            cur = x;
            other = approx;
        }
        for (int i = 0; i < level; i++) {
            double[] d = details[i];
            if (aLen == d.length + 1) {
                aLen = d.length;
            } else if (aLen != d.length) {
                throw new EcgSignalException("Coefficient lengths do not match: approximation " + aLen
                        + ", detail " + d.length);
            }
            boolean last = i == level - 1;
            double[] out = last ? x : other;
            aLen = Dwt.synthesize12(cur, d, aLen, g, gh, out, last ? n : out.length);
            other = cur;
            cur = out;
        }
    }

    /** Estimates sigma from the finest detail and soft-thresholds every level. */
    private void threshold(double[][] details, int n, int level) {
        double sigma = RobustStats.medianAbsoluteDeviation(details[level - 1], 0.0) / 0.6745;
        double universal = sigma * Math.sqrt(2 * Math.log(n));
        for (int i = 1; i <= level; i++) {
            double thr = rule == ThresholdRule.SEED_LEVEL_SCALED ? universal / (1 + 0.1 * i) : universal;
            softThreshold(details[i - 1], thr);
        }
    }

    /**
     * sign(v) * max(|v| - thr, 0) in place, written as {@code v - clamp(v, -thr, thr)}: the same values
     * (bit for bit away from 0) without a data-dependent branch, so the loop vectorises.
     */
    static void softThreshold(double[] c, double thr) {
        if (thr <= 0) {
            return;
        }
        final double neg = -thr;
        for (int i = 0; i < c.length; i++) {
            double v = c[i];
            c[i] = v - Math.max(neg, Math.min(thr, v));
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
