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
 * <p>Convolutions run as blocked polyphase multiply-adds over primitive arrays (vectorised by the JIT);
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

    /** Outputs per block of the 12-tap kernels: twelve shifted copies of a block stay in the L1 cache. */
    static final int BLOCK12 = 256;

    /**
     * Scratch for the 12-tap kernels, reused across levels and blocks. The kernels read twelve shifted copies
     * of the input block (made with {@code System.arraycopy}), because HotSpot 17 only vectorises loops whose
     * array accesses share one offset; with the copies every access is {@code [j]}.
     */
    static final class Scratch12 {
        final double[][] shifted = new double[12][BLOCK12];
        final double[] evenOdd = new double[2 * (BLOCK12 + 6)];
        final double[] out0 = new double[BLOCK12];
        final double[] out1 = new double[BLOCK12];
    }

    /**
     * One symmetric-mode analysis level with a 12-tap wavelet: {@code a[0, nOut)} and {@code d[0, nOut)} from
     * {@code x[0, len)}, {@code nOut = (len + 11) / 2}. Blocked: the even and odd samples of the extended signal
     * for one block are gathered (mirrored at the edges), then the unrolled polyphase kernel runs on shifted
     * copies. {@code a} may be {@code x}: a block's outputs land below the inputs still to be read.
     *
     * @param lo reversed decomposition low-pass filter
     * @param hi reversed decomposition high-pass filter
     * @return nOut
     */
    static int analyze12(double[] x, int len, double[] lo, double[] hi, Scratch12 s, double[] a, double[] d) {
        final int pad = 10;
        int nOut = (len + 11) / 2;
        int period = 2 * len;
        double[] eo = s.evenOdd;
        int half = BLOCK12 + 6;
        for (int b = 0; b < nOut; b += BLOCK12) {
            int cnt = Math.min(BLOCK12, nOut - b);
            int m = cnt + 5;
            // ev[k] = ext[2k] at eo[k - b], od[k] = ext[2k + 1] at eo[half + k - b]
            for (int j = 0; j < m; j++) {
                int i = 2 * (b + j) - pad;
                if (i >= 0 && i + 1 < len) {
                    eo[j] = x[i];
                    eo[half + j] = x[i + 1];
                } else {
                    eo[j] = x[mirror(i, len, period)];
                    eo[half + j] = x[mirror(i + 1, len, period)];
                }
            }
            double[][] sh = s.shifted;
            for (int k = 0; k < 6; k++) {
                System.arraycopy(eo, k, sh[2 * k], 0, cnt);
                System.arraycopy(eo, half + k, sh[2 * k + 1], 0, cnt);
            }
            kernel12(sh, lo, hi, s.out0, s.out1, cnt);
            System.arraycopy(s.out0, 0, a, b, cnt);
            System.arraycopy(s.out1, 0, d, b, cnt);
        }
        return nOut;
    }

    /**
     * out0[j] = sum_t c0[t] sh[t][j], out1[j] = sum_t c1[t] sh[t][j]. Every access is at [j] and each loop is
     * small (six taps, one output) so that HotSpot 17 unrolls and vectorises it.
     */
    private static void kernel12(double[][] sh, double[] c0, double[] c1, double[] out0, double[] out1, int cnt) {
        taps6(sh, 0, c0, out0, cnt, false);
        taps6(sh, 6, c0, out0, cnt, true);
        taps6(sh, 0, c1, out1, cnt, false);
        taps6(sh, 6, c1, out1, cnt, true);
    }

    private static void taps6(double[][] sh, int t, double[] c, double[] out, int cnt, boolean add) {
        final double[] s0 = sh[t];
        final double[] s1 = sh[t + 1];
        final double[] s2 = sh[t + 2];
        final double[] s3 = sh[t + 3];
        final double[] s4 = sh[t + 4];
        final double[] s5 = sh[t + 5];
        final double k0 = c[t];
        final double k1 = c[t + 1];
        final double k2 = c[t + 2];
        final double k3 = c[t + 3];
        final double k4 = c[t + 4];
        final double k5 = c[t + 5];
        if (add) {
            for (int j = 0; j < cnt; j++) {
                out[j] += (k0 * s0[j] + k1 * s1[j]) + (k2 * s2[j] + k3 * s3[j]) + (k4 * s4[j] + k5 * s5[j]);
            }
        } else {
            for (int j = 0; j < cnt; j++) {
                out[j] = (k0 * s0[j] + k1 * s1[j]) + (k2 * s2[j] + k3 * s3[j]) + (k4 * s4[j] + k5 * s5[j]);
            }
        }
    }

    /**
     * One symmetric-mode synthesis level with a 12-tap wavelet (pywt's idwt) from {@code a[0, n)} and
     * {@code d[0, n)}: writes the first {@code min(2 (n - 5), limit)} samples to {@code out}, which must not be
     * {@code a} or {@code d}.
     *
     * @return the full output length 2 (n - 5)
     */
    static int synthesize12(double[] a, double[] d, int n, double[] g, double[] gh, Scratch12 s, double[] out,
                            int limit) {
        int np = n - 5;
        if (np <= 0) {
            throw new EcgSignalException("Too few coefficients (" + n + ") to reconstruct with a 12-tap wavelet");
        }
        // ye[p] = sum_r g[2r] a[p + 5 - r] + gh[2r] d[p + 5 - r], yo likewise with the odd taps: as kernel12
        // with sh[2k] = a shifted by k, sh[2k + 1] = d shifted by k.
        double[] ce = new double[12];
        double[] co = new double[12];
        for (int k = 0; k < 6; k++) {
            int r = 5 - k;
            ce[2 * k] = g[2 * r];
            ce[2 * k + 1] = gh[2 * r];
            co[2 * k] = g[2 * r + 1];
            co[2 * k + 1] = gh[2 * r + 1];
        }
        double[][] sh = s.shifted;
        double[] ye = s.out0;
        double[] yo = s.out1;
        for (int b = 0; b < np; b += BLOCK12) {
            int cnt = Math.min(BLOCK12, np - b);
            for (int k = 0; k < 6; k++) {
                System.arraycopy(a, b + k, sh[2 * k], 0, cnt);
                System.arraycopy(d, b + k, sh[2 * k + 1], 0, cnt);
            }
            kernel12(sh, ce, co, ye, yo, cnt);
            int o = 2 * b;
            if (o + 2 * cnt <= limit) {
                for (int j = 0; j < cnt; j++) {
                    out[o + 2 * j] = ye[j];
                    out[o + 2 * j + 1] = yo[j];
                }
            } else {
                for (int j = 0; j < cnt && o + 2 * j < limit; j++) {
                    out[o + 2 * j] = ye[j];
                    if (o + 2 * j + 1 < limit) {
                        out[o + 2 * j + 1] = yo[j];
                    }
                }
            }
        }
        return 2 * np;
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
