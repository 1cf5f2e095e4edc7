package io.github.ecgid.signal.wavelet;

import io.github.ecgid.core.EcgSignalException;
import java.util.Arrays;

/**
 * Discrete wavelet transform equal to PyWavelets' {@code dwt}/{@code idwt}, {@code wavedec}/{@code waverec}
 * and {@code dwt_max_level} for the {@link BoundaryMode#SYMMETRIC} and {@link BoundaryMode#PERIODIZATION}
 * modes (coefficients agree with pywt to about 1e-15 relative; reconstruction is perfect to rounding).
 *
 * <pre>{@code
 * Wavelet db6 = Wavelet.of("db6");
 * WaveletCoefficients c = Dwt.wavedec(x, db6, BoundaryMode.SYMMETRIC, Dwt.maxLevel(x.length, db6));
 * double[] back = Dwt.reconstruct(c);   // == x to ~1e-15
 * }</pre>
 *
 * <p>Convolutions run as blocked polyphase multiply-adds over primitive arrays (unrolled for 12 taps);
 * nothing is allocated inside the loops.
 */
public final class Dwt {
    /** Output block processed at a time; keeps the working set in L1 cache. */
    private static final int BLOCK = 512;

    private Dwt() {
    }

    /**
     * pywt's {@code dwt_max_level}: the deepest level at which at least one coefficient is free of boundary
     * effects, {@code floor(log2(length / (F - 1)))}, or 0 when {@code length < F - 1}.
     */
    public static int maxLevel(int length, Wavelet wavelet) {
        int f = wavelet.filterLength();
        if (length < f - 1) {
            return 0;
        }
        int ratio = length / (f - 1);
        return 31 - Integer.numberOfLeadingZeros(ratio);
    }

    /** Number of coefficients one decomposition level yields for {@code n} input samples. */
    public static int coefficientCount(int n, Wavelet wavelet, BoundaryMode mode) {
        return mode == BoundaryMode.SYMMETRIC ? (n + wavelet.filterLength() - 1) / 2 : (n + 1) / 2;
    }

    /**
     * Multilevel decomposition ({@code pywt.wavedec(x, wavelet, mode, level)}).
     *
     * @param level 0 to {@link #maxLevel(int, Wavelet)}
     * @throws EcgSignalException for an empty or non-finite signal or a level beyond the maximum useful one
     */
    public static WaveletCoefficients wavedec(double[] x, Wavelet wavelet, BoundaryMode mode, int level) {
        checkLevel(x.length, wavelet, level);
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new EcgSignalException("Sample " + i + " is " + x[i] + "; the wavelet transform needs "
                        + "finite samples");
            }
        }
        double[][] details = new double[level][];
        double[] a = decompose(x, x.length, wavelet, mode, level, details);
        return new WaveletCoefficients(wavelet, mode, x.length, a, details);
    }

    static void checkLevel(int length, Wavelet wavelet, int level) {
        if (length < 1) {
            throw new EcgSignalException("The wavelet transform needs at least 1 sample");
        }
        int max = maxLevel(length, wavelet);
        if (level < 0 || level > max) {
            throw new EcgSignalException("Decomposition level " + level + " is outside 0.." + max + " (the maximum "
                    + "useful level for " + length + " samples with " + wavelet + ")");
        }
    }

    /**
     * Multilevel reconstruction exactly as {@code pywt.waverec}: in symmetric mode an odd-length signal comes
     * back one sample longer (pywt's behaviour); {@link #reconstruct} trims to the original length.
     */
    public static double[] waverec(WaveletCoefficients c) {
        return recompose(c.approximationRef(), c.detailsRef(), c.wavelet(), c.mode());
    }

    /** Reconstruction trimmed to the decomposed signal's length. */
    public static double[] reconstruct(WaveletCoefficients c) {
        double[] y = waverec(c);
        return y.length == c.signalLength() ? y : Arrays.copyOf(y, c.signalLength());
    }

    /** Decomposes {@code x[0, n)}; fills {@code details} coarsest first and returns the approximation. */
    static double[] decompose(double[] x, int n, Wavelet w, BoundaryMode mode, int level, double[][] details) {
        int f = w.filterLength();
        double[] lo = reversed(w.decLoRef());
        double[] hi = reversed(w.decHiRef());
        int maxOut = coefficientCount(n, w, mode);
        double[] ext = new double[2 * maxOut + f];
        double[] even = new double[maxOut + f];
        double[] odd = new double[maxOut + f];
        double[] cur = x;
        int len = n;
        for (int lev = 0; lev < level; lev++) {
            int nOut = coefficientCount(len, w, mode);
            double[] a = new double[nOut];
            double[] d = new double[nOut];
            extend(cur, len, f, mode, ext, 2 * (nOut - 1) + f);
            analyze(ext, nOut, f, lo, hi, a, d, even, odd);
            details[level - 1 - lev] = d;
            cur = a;
            len = nOut;
        }
        return cur == x ? Arrays.copyOf(x, n) : cur;
    }

    /**
     * Whether the unrolled 12-tap symmetric kernels ({@link #analyze12}, {@link #synthesize12}) apply: db6, sym6
     * and coif2 in symmetric mode (the seed's denoiser).
     */
    static boolean hasFastPath(Wavelet w, BoundaryMode mode) {
        return mode == BoundaryMode.SYMMETRIC && w.filterLength() == 12;
    }

    /** Outputs per block of the 12-tap kernels: one block's even and odd samples stay in the L1 cache. */
    static final int BLOCK12 = 256;

    /** Scratch for the 12-tap analysis, reused across levels and blocks: one block's even and odd samples. */
    static final class Scratch12 {
        final double[] even = new double[BLOCK12 + 6];
        final double[] odd = new double[BLOCK12 + 6];
    }

    /**
     * One symmetric-mode analysis level with a 12-tap wavelet: {@code a[0, nOut)} and {@code d[0, nOut)} from
     * {@code x[0, len)}, {@code nOut = (len + 11) / 2}. Blocked: the even and odd samples of the extended signal
     * for one block are gathered (mirrored only in the edge blocks), then {@link #analyzeBlock12} runs on them.
     * {@code a} may be {@code x}: a block's outputs land below the inputs still to be read.
     *
     * @param lo reversed decomposition low-pass filter
     * @param hi reversed decomposition high-pass filter
     * @return nOut
     */
    static int analyze12(double[] x, int len, double[] lo, double[] hi, Scratch12 s, double[] a, double[] d) {
        final int pad = 10;
        int nOut = (len + 11) / 2;
        int period = 2 * len;
        double[] ev = s.even;
        double[] od = s.odd;
        for (int b = 0; b < nOut; b += BLOCK12) {
            int cnt = Math.min(BLOCK12, nOut - b);
            int m = cnt + 5;
            // ev[j] = ext[2 (b + j)], od[j] = ext[2 (b + j) + 1], ext[k] = x[k - pad] mirrored at the ends
            int i0 = 2 * b - pad;
            if (i0 >= 0 && i0 + 2 * m <= len) {
                for (int j = 0; j < m; j++) {
                    ev[j] = x[i0 + 2 * j];
                    od[j] = x[i0 + 2 * j + 1];
                }
            } else {
                for (int j = 0; j < m; j++) {
                    int i = i0 + 2 * j;
                    ev[j] = x[mirror(i, len, period)];
                    od[j] = x[mirror(i + 1, len, period)];
                }
            }
            analyzeBlock12(ev, od, lo, hi, a, d, b, cnt);
        }
        return nOut;
    }

    /**
     * a[b + j] = sum_t lo[t] ext[2 (b + j) + t], d likewise with hi, for j in [0, cnt): both outputs from one
     * read of the twelve inputs, coefficients in locals, each as two chains of six fused multiply-adds
     * ({@link #fma6}).
     *
     * <p>Scalar on purpose: HotSpot 17's superword vectorises only loops whose double[] accesses share one
     * offset, so a vector form needs twelve shifted copies of every block; the copies and the extra passes over
     * the outputs measured slower than this loop (level-1 analysis of 21.6 M samples about 92 -> 65 ms).
     */
    private static void analyzeBlock12(double[] ev, double[] od, double[] lo, double[] hi, double[] a, double[] d,
                                       int b, int cnt) {
        final double l0 = lo[0];
        final double l1 = lo[1];
        final double l2 = lo[2];
        final double l3 = lo[3];
        final double l4 = lo[4];
        final double l5 = lo[5];
        final double l6 = lo[6];
        final double l7 = lo[7];
        final double l8 = lo[8];
        final double l9 = lo[9];
        final double l10 = lo[10];
        final double l11 = lo[11];
        final double h0 = hi[0];
        final double h1 = hi[1];
        final double h2 = hi[2];
        final double h3 = hi[3];
        final double h4 = hi[4];
        final double h5 = hi[5];
        final double h6 = hi[6];
        final double h7 = hi[7];
        final double h8 = hi[8];
        final double h9 = hi[9];
        final double h10 = hi[10];
        final double h11 = hi[11];
        for (int j = 0; j < cnt; j++) {
            double e0 = ev[j];
            double e1 = ev[j + 1];
            double e2 = ev[j + 2];
            double e3 = ev[j + 3];
            double e4 = ev[j + 4];
            double e5 = ev[j + 5];
            double o0 = od[j];
            double o1 = od[j + 1];
            double o2 = od[j + 2];
            double o3 = od[j + 3];
            double o4 = od[j + 4];
            double o5 = od[j + 5];
            a[b + j] = fma6(l0, e0, l1, o0, l2, e1, l3, o1, l4, e2, l5, o2)
                    + fma6(l6, e3, l7, o3, l8, e4, l9, o4, l10, e5, l11, o5);
            d[b + j] = fma6(h0, e0, h1, o0, h2, e1, h3, o1, h4, e2, h5, o2)
                    + fma6(h6, e3, h7, o3, h8, e4, h9, o4, h10, e5, h11, o5);
        }
    }

    /**
     * k0 v0 + k1 v1 + ... + k5 v5 as a chain of fused multiply-adds: the scalar kernels are bound by
     * floating-point operations, and an FMA does a multiply and an add in one (the 12-tap analysis kernel
     * measured about a quarter faster than with separate multiplies and adds). Rounding differs from the
     * separate form by an ulp or so per coefficient; the pywt golden tests (1e-10) are unaffected.
     */
    private static double fma6(double k0, double v0, double k1, double v1, double k2, double v2, double k3,
                               double v3, double k4, double v4, double k5, double v5) {
        return Math.fma(k5, v5, Math.fma(k4, v4, Math.fma(k3, v3, Math.fma(k2, v2, Math.fma(k1, v1, k0 * v0)))));
    }

    /**
     * One symmetric-mode synthesis level with a 12-tap wavelet (pywt's idwt) from {@code a[0, n)} and
     * {@code d[0, n)}: writes the first {@code min(2 (n - 5), limit)} samples to {@code out}, which must not be
     * {@code a} or {@code d}.
     *
     * @return the full output length 2 (n - 5)
     */
    static int synthesize12(double[] a, double[] d, int n, double[] g, double[] gh, double[] out, int limit) {
        int np = n - 5;
        if (np <= 0) {
            throw new EcgSignalException("Too few coefficients (" + n + ") to reconstruct with a 12-tap wavelet");
        }
        // ye[p] = sum_r g[2r] a[p + 5 - r] + gh[2r] d[p + 5 - r], yo likewise with the odd taps; as taps k = 0..5
        // on a[p + k] and d[p + k]: ce[2k] = g[2 (5 - k)], ce[2k + 1] = gh[2 (5 - k)], co with the odd taps.
        double[] ce = new double[12];
        double[] co = new double[12];
        for (int k = 0; k < 6; k++) {
            int r = 5 - k;
            ce[2 * k] = g[2 * r];
            ce[2 * k + 1] = gh[2 * r];
            co[2 * k] = g[2 * r + 1];
            co[2 * k + 1] = gh[2 * r + 1];
        }
        // pairs (out[2p], out[2p + 1]) that fit below limit, then possibly one even sample
        int pairs = Math.min(np, limit / 2);
        for (int b = 0; b < pairs; b += BLOCK12) {
            synthesizeBlock12(a, d, ce, co, out, b, Math.min(pairs, b + BLOCK12));
        }
        if (pairs < np && 2 * pairs < limit) {
            int p = pairs;
            double[] c = ce;
            out[2 * p] = fma6(c[0], a[p], c[1], d[p], c[2], a[p + 1], c[3], d[p + 1], c[4], a[p + 2], c[5], d[p + 2])
                    + fma6(c[6], a[p + 3], c[7], d[p + 3], c[8], a[p + 4], c[9], d[p + 4], c[10], a[p + 5], c[11],
                    d[p + 5]);
        }
        return 2 * np;
    }

    /**
     * out[2p] and out[2p + 1] for p in [from, to), straight from a and d (no shifted copies, no interleaving
     * pass; scalar, with fused multiply-adds, for the reasons given at {@link #analyzeBlock12}).
     */
    private static void synthesizeBlock12(double[] a, double[] d, double[] ce, double[] co, double[] out, int from,
                                          int to) {
        final double e0 = ce[0];
        final double e1 = ce[1];
        final double e2 = ce[2];
        final double e3 = ce[3];
        final double e4 = ce[4];
        final double e5 = ce[5];
        final double e6 = ce[6];
        final double e7 = ce[7];
        final double e8 = ce[8];
        final double e9 = ce[9];
        final double e10 = ce[10];
        final double e11 = ce[11];
        final double o0 = co[0];
        final double o1 = co[1];
        final double o2 = co[2];
        final double o3 = co[3];
        final double o4 = co[4];
        final double o5 = co[5];
        final double o6 = co[6];
        final double o7 = co[7];
        final double o8 = co[8];
        final double o9 = co[9];
        final double o10 = co[10];
        final double o11 = co[11];
        for (int p = from; p < to; p++) {
            double a0 = a[p];
            double a1 = a[p + 1];
            double a2 = a[p + 2];
            double a3 = a[p + 3];
            double a4 = a[p + 4];
            double a5 = a[p + 5];
            double d0 = d[p];
            double d1 = d[p + 1];
            double d2 = d[p + 2];
            double d3 = d[p + 3];
            double d4 = d[p + 4];
            double d5 = d[p + 5];
            out[2 * p] = fma6(e0, a0, e1, d0, e2, a1, e3, d1, e4, a2, e5, d2)
                    + fma6(e6, a3, e7, d3, e8, a4, e9, d4, e10, a5, e11, d5);
            out[2 * p + 1] = fma6(o0, a0, o1, d0, o2, a1, o3, d1, o4, a2, o5, d2)
                    + fma6(o6, a3, o7, d3, o8, a4, o9, d4, o10, a5, o11, d5);
        }
    }

    /** pywt's waverec on raw arrays ({@code details} coarsest first). */
    static double[] recompose(double[] approximation, double[][] details, Wavelet w, BoundaryMode mode) {
        double[] a = approximation;
        int aLen = a.length;
        for (double[] d : details) {
            if (aLen == d.length + 1) {
                aLen = d.length;
            } else if (aLen != d.length) {
                throw new EcgSignalException("Coefficient lengths do not match: approximation " + aLen
                        + ", detail " + d.length);
            }
            a = synthesize(a, d, aLen, w, mode);
            aLen = a.length;
        }
        return a == approximation ? approximation.clone() : a;
    }

    static double[] reversed(double[] f) {
        double[] r = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            r[i] = f[f.length - 1 - i];
        }
        return r;
    }

    /**
     * Fills {@code ext[0, extLen)} so that coefficient o = sum_j rev[j] * ext[2o + j]: symmetric mode pads
     * F - 2 mirrored samples on the left, periodization pads F/2 - 1 wrapped samples of the even-length signal.
     */
    private static void extend(double[] x, int n, int f, BoundaryMode mode, double[] ext, int extLen) {
        if (mode == BoundaryMode.SYMMETRIC) {
            int pad = f - 2;
            int period = 2 * n;
            int i = 0;
            int interiorEnd = Math.min(extLen, pad + n);
            for (; i < Math.min(pad, extLen); i++) {
                ext[i] = x[mirror(i - pad, n, period)];
            }
            if (interiorEnd > pad) {
                System.arraycopy(x, 0, ext, pad, interiorEnd - pad);
                i = interiorEnd;
            }
            for (; i < extLen; i++) {
                ext[i] = x[mirror(i - pad, n, period)];
            }
        } else {
            int np = n + (n & 1);
            int pad = f / 2 - 1;
            for (int i = 0; i < extLen; i++) {
                int m = Math.floorMod(i - pad, np);
                ext[i] = x[Math.min(m, n - 1)];
            }
        }
    }

    private static int mirror(int m, int n, int period) {
        int r = Math.floorMod(m, period);
        return r < n ? r : period - 1 - r;
    }

    /** a[o] = sum_j lo[j] ext[2o+j], d[o] likewise with hi; blocked polyphase form. */
    private static void analyze(double[] ext, int nOut, int f, double[] lo, double[] hi, double[] a, double[] d,
                                double[] even, double[] odd) {
        int half = f / 2;
        int m = nOut + half - 1;
        for (int k = 0; k < m; k++) {
            even[k] = ext[2 * k];
            odd[k] = ext[2 * k + 1];
        }
        for (int b = 0; b < nOut; b += BLOCK) {
            analyzeBlock(even, odd, half, lo, hi, a, d, b, Math.min(nOut, b + BLOCK));
        }
    }

    /**
     * One block of outputs. A separate small method so the JIT compiles and vectorises it after a few calls
     * (one long loop would only get on-stack replacement).
     */
    private static void analyzeBlock(double[] even, double[] odd, int half, double[] lo, double[] hi, double[] a,
                                     double[] d, int b, int e) {
        double l0 = lo[0];
        double l1 = lo[1];
        double h0 = hi[0];
        double h1 = hi[1];
        for (int o = b; o < e; o++) {
            double ev = even[o];
            double od = odd[o];
            a[o] = l0 * ev + l1 * od;
            d[o] = h0 * ev + h1 * od;
        }
        for (int r = 1; r < half; r++) {
            l0 = lo[2 * r];
            l1 = lo[2 * r + 1];
            h0 = hi[2 * r];
            h1 = hi[2 * r + 1];
            for (int o = b; o < e; o++) {
                double ev = even[o + r];
                double od = odd[o + r];
                a[o] += l0 * ev + l1 * od;
                d[o] += h0 * ev + h1 * od;
            }
        }
    }

    /** One level of inverse transform (pywt's idwt) from {@code a[0, n)} and {@code d[0, n)}. */
    static double[] synthesize(double[] a, double[] d, int n, Wavelet w, BoundaryMode mode) {
        int f = w.filterLength();
        int half = f / 2;
        double[] g = w.recLoRef();
        double[] gh = w.recHiRef();
        if (mode == BoundaryMode.SYMMETRIC) {
            int np = n - half + 1;
            if (np <= 0) {
                throw new EcgSignalException("Too few coefficients (" + n + ") to reconstruct with " + w);
            }
            double[] y = new double[2 * np];
            synth(a, d, 0, np, half, g, gh, 0, half - 1, 1, half - 1, y);
            return y;
        }
        // Periodization: wrap the coefficients so every index the polyphase sums touch is in range.
        int padL = half;
        double[] ae = new double[n + 2 * half + 1];
        double[] de = new double[ae.length];
        for (int i = 0; i < ae.length; i++) {
            int k = Math.floorMod(i - padL, n);
            ae[i] = a[k];
            de[i] = d[k];
        }
        double[] y = new double[2 * n];
        if (half % 2 == 1) {
            synth(ae, de, padL, n, half, g, gh, 0, (half - 1) / 2, 1, (half - 1) / 2, y);
        } else {
            synth(ae, de, padL, n, half, g, gh, 1, half / 2 - 1, 0, half / 2, y);
        }
        return y;
    }

    /**
     * y[2p] = sum_r g[2r+se] c[p+offE-r] (+ gh with d), y[2p+1] = sum_r g[2r+so] c[p+offO-r], where c index k
     * lives at array position k + base.
     */
    private static void synth(double[] a, double[] d, int base, int np, int half, double[] g, double[] gh,
                              int se, int offE, int so, int offO, double[] y) {
        double[] ye = new double[Math.min(BLOCK, np)];
        double[] yo = new double[ye.length];
        for (int b = 0; b < np; b += BLOCK) {
            int len = Math.min(np, b + BLOCK) - b;
            synthBlock(a, d, b + base, len, half, g, gh, se, offE, so, offO, ye, yo);
            for (int p = 0; p < len; p++) {
                y[2 * (b + p)] = ye[p];
                y[2 * (b + p) + 1] = yo[p];
            }
        }
    }

    /** One block of even and odd outputs; small so the JIT compiles and vectorises it (see analyzeBlock). */
    private static void synthBlock(double[] a, double[] d, int b, int len, int half, double[] g, double[] gh,
                                   int se, int offE, int so, int offO, double[] ye, double[] yo) {
        java.util.Arrays.fill(ye, 0, len, 0.0);
        java.util.Arrays.fill(yo, 0, len, 0.0);
        for (int r = 0; r < half; r++) {
            double ge = g[2 * r + se];
            double he = gh[2 * r + se];
            double go = g[2 * r + so];
            double ho = gh[2 * r + so];
            int ke = b + offE - r;
            int ko = b + offO - r;
            for (int p = 0; p < len; p++) {
                ye[p] += ge * a[ke + p] + he * d[ke + p];
                yo[p] += go * a[ko + p] + ho * d[ko + p];
            }
        }
    }
}
