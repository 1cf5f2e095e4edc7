package io.github.ecgid.model.nn;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The convolution kernels of {@link Kernels} and {@link FastForward} on the {@code jdk.incubator.vector} API.
 *
 * <p>Only loaded when the JVM resolved the incubator module ({@code --add-modules jdk.incubator.vector}); {@link
 * Simd} decides that once. Same arguments, layouts and per-element summation order as the scalar kernels (each
 * output sums its products in increasing {@code r}, or {@code s} then {@code t}), but with fused multiply-adds, so
 * results differ from the scalar path by rounding only and are deterministic for this path.
 *
 * <p>The register block is 4 output positions × 4 vectors of output channels (16 accumulators): per step of the
 * reduction it loads 4 weight vectors, broadcasts 4 inputs and issues 16 FMAs. Channel counts that are not a
 * multiple of 4 vectors fall back to 1-vector blocks, and a remainder below one vector to scalar code.
 */
final class VectorKernels {
    private static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> DS = DoubleVector.SPECIES_PREFERRED;
    private static final int FL = FS.length();
    private static final int DL = DS.length();

    private VectorKernels() {
    }

    /** Lanes of the float species in use. */
    static int floatLanes() {
        return FL;
    }

    /** Lanes of the double species in use. */
    static int doubleLanes() {
        return DL;
    }

    // ------------------------------------------------------------------ float forward (inference)

    /** As {@link FastForward#convScalar}. */
    static void conv(float[] in, int cin, int positions, float[] wt, float[] bias, int k, int cout, float[] out) {
        int depth = k * cin;
        int last = positions - 1;
        for (int t = 0; t < positions; t += 4) {
            // A last block of fewer than 4 rows repeats the final row and stores only the valid ones.
            int rows = Math.min(4, positions - t);
            int x0 = t * cin;
            int x1 = Math.min(t + 1, last) * cin;
            int x2 = Math.min(t + 2, last) * cin;
            int x3 = Math.min(t + 3, last) * cin;
            int p0 = t * cout;
            int o = 0;
            for (; o + 4 * FL <= cout; o += 4 * FL) {
                FloatVector c00 = FloatVector.zero(FS);
                FloatVector c01 = c00;
                FloatVector c02 = c00;
                FloatVector c03 = c00;
                FloatVector c10 = c00;
                FloatVector c11 = c00;
                FloatVector c12 = c00;
                FloatVector c13 = c00;
                FloatVector c20 = c00;
                FloatVector c21 = c00;
                FloatVector c22 = c00;
                FloatVector c23 = c00;
                FloatVector c30 = c00;
                FloatVector c31 = c00;
                FloatVector c32 = c00;
                FloatVector c33 = c00;
                int wi = o;
                for (int r = 0; r < depth; r++, wi += cout) {
                    FloatVector w0 = FloatVector.fromArray(FS, wt, wi);
                    FloatVector w1 = FloatVector.fromArray(FS, wt, wi + FL);
                    FloatVector w2 = FloatVector.fromArray(FS, wt, wi + 2 * FL);
                    FloatVector w3 = FloatVector.fromArray(FS, wt, wi + 3 * FL);
                    FloatVector a = FloatVector.broadcast(FS, in[x0 + r]);
                    c00 = w0.fma(a, c00);
                    c01 = w1.fma(a, c01);
                    c02 = w2.fma(a, c02);
                    c03 = w3.fma(a, c03);
                    a = FloatVector.broadcast(FS, in[x1 + r]);
                    c10 = w0.fma(a, c10);
                    c11 = w1.fma(a, c11);
                    c12 = w2.fma(a, c12);
                    c13 = w3.fma(a, c13);
                    a = FloatVector.broadcast(FS, in[x2 + r]);
                    c20 = w0.fma(a, c20);
                    c21 = w1.fma(a, c21);
                    c22 = w2.fma(a, c22);
                    c23 = w3.fma(a, c23);
                    a = FloatVector.broadcast(FS, in[x3 + r]);
                    c30 = w0.fma(a, c30);
                    c31 = w1.fma(a, c31);
                    c32 = w2.fma(a, c32);
                    c33 = w3.fma(a, c33);
                }
                FloatVector b0 = FloatVector.fromArray(FS, bias, o);
                FloatVector b1 = FloatVector.fromArray(FS, bias, o + FL);
                FloatVector b2 = FloatVector.fromArray(FS, bias, o + 2 * FL);
                FloatVector b3 = FloatVector.fromArray(FS, bias, o + 3 * FL);
                int p = p0 + o;
                b0.add(c00).intoArray(out, p);
                b1.add(c01).intoArray(out, p + FL);
                b2.add(c02).intoArray(out, p + 2 * FL);
                b3.add(c03).intoArray(out, p + 3 * FL);
                if (rows > 1) {
                    p += cout;
                    b0.add(c10).intoArray(out, p);
                    b1.add(c11).intoArray(out, p + FL);
                    b2.add(c12).intoArray(out, p + 2 * FL);
                    b3.add(c13).intoArray(out, p + 3 * FL);
                }
                if (rows > 2) {
                    p += cout;
                    b0.add(c20).intoArray(out, p);
                    b1.add(c21).intoArray(out, p + FL);
                    b2.add(c22).intoArray(out, p + 2 * FL);
                    b3.add(c23).intoArray(out, p + 3 * FL);
                }
                if (rows > 3) {
                    p += cout;
                    b0.add(c30).intoArray(out, p);
                    b1.add(c31).intoArray(out, p + FL);
                    b2.add(c32).intoArray(out, p + 2 * FL);
                    b3.add(c33).intoArray(out, p + 3 * FL);
                }
            }
            for (; o + FL <= cout; o += FL) {
                FloatVector c0 = FloatVector.zero(FS);
                FloatVector c1 = c0;
                FloatVector c2 = c0;
                FloatVector c3 = c0;
                int wi = o;
                for (int r = 0; r < depth; r++, wi += cout) {
                    FloatVector w = FloatVector.fromArray(FS, wt, wi);
                    c0 = w.fma(FloatVector.broadcast(FS, in[x0 + r]), c0);
                    c1 = w.fma(FloatVector.broadcast(FS, in[x1 + r]), c1);
                    c2 = w.fma(FloatVector.broadcast(FS, in[x2 + r]), c2);
                    c3 = w.fma(FloatVector.broadcast(FS, in[x3 + r]), c3);
                }
                FloatVector b = FloatVector.fromArray(FS, bias, o);
                int p = p0 + o;
                b.add(c0).intoArray(out, p);
                if (rows > 1) {
                    b.add(c1).intoArray(out, p + cout);
                }
                if (rows > 2) {
                    b.add(c2).intoArray(out, p + 2 * cout);
                }
                if (rows > 3) {
                    b.add(c3).intoArray(out, p + 3 * cout);
                }
            }
            for (; o < cout; o++) {
                for (int i = 0; i < rows; i++) {
                    int x = (t + i) * cin;
                    float acc = 0;
                    for (int r = 0, wi = o; r < depth; r++, wi += cout) {
                        acc = Math.fma(in[x + r], wt[wi], acc);
                    }
                    out[p0 + i * cout + o] = bias[o] + acc;
                }
            }
        }
    }

    // ------------------------------------------------------------------ double (training)

    /** As {@link Kernels#convForwardScalar}, with any {@code cout}. */
    static void convForward(double[] in, int inOff, int cin, int positions, double[] w, int wOff, double[] bias,
                            int bOff, int k, int cout, double[] out, int outOff) {
        int depth = k * cin;
        int last = positions - 1;
        for (int t = 0; t < positions; t += 4) {
            int rows = Math.min(4, positions - t);
            int x0 = inOff + t * cin;
            int x1 = inOff + Math.min(t + 1, last) * cin;
            int x2 = inOff + Math.min(t + 2, last) * cin;
            int x3 = inOff + Math.min(t + 3, last) * cin;
            int p0 = outOff + t * cout;
            int o = 0;
            for (; o + 4 * DL <= cout; o += 4 * DL) {
                DoubleVector c00 = DoubleVector.zero(DS);
                DoubleVector c01 = c00;
                DoubleVector c02 = c00;
                DoubleVector c03 = c00;
                DoubleVector c10 = c00;
                DoubleVector c11 = c00;
                DoubleVector c12 = c00;
                DoubleVector c13 = c00;
                DoubleVector c20 = c00;
                DoubleVector c21 = c00;
                DoubleVector c22 = c00;
                DoubleVector c23 = c00;
                DoubleVector c30 = c00;
                DoubleVector c31 = c00;
                DoubleVector c32 = c00;
                DoubleVector c33 = c00;
                int wi = wOff + o;
                for (int r = 0; r < depth; r++, wi += cout) {
                    DoubleVector w0 = DoubleVector.fromArray(DS, w, wi);
                    DoubleVector w1 = DoubleVector.fromArray(DS, w, wi + DL);
                    DoubleVector w2 = DoubleVector.fromArray(DS, w, wi + 2 * DL);
                    DoubleVector w3 = DoubleVector.fromArray(DS, w, wi + 3 * DL);
                    DoubleVector a = DoubleVector.broadcast(DS, in[x0 + r]);
                    c00 = w0.fma(a, c00);
                    c01 = w1.fma(a, c01);
                    c02 = w2.fma(a, c02);
                    c03 = w3.fma(a, c03);
                    a = DoubleVector.broadcast(DS, in[x1 + r]);
                    c10 = w0.fma(a, c10);
                    c11 = w1.fma(a, c11);
                    c12 = w2.fma(a, c12);
                    c13 = w3.fma(a, c13);
                    a = DoubleVector.broadcast(DS, in[x2 + r]);
                    c20 = w0.fma(a, c20);
                    c21 = w1.fma(a, c21);
                    c22 = w2.fma(a, c22);
                    c23 = w3.fma(a, c23);
                    a = DoubleVector.broadcast(DS, in[x3 + r]);
                    c30 = w0.fma(a, c30);
                    c31 = w1.fma(a, c31);
                    c32 = w2.fma(a, c32);
                    c33 = w3.fma(a, c33);
                }
                DoubleVector b0 = DoubleVector.zero(DS);
                DoubleVector b1 = b0;
                DoubleVector b2 = b0;
                DoubleVector b3 = b0;
                if (bias != null) {
                    b0 = DoubleVector.fromArray(DS, bias, bOff + o);
                    b1 = DoubleVector.fromArray(DS, bias, bOff + o + DL);
                    b2 = DoubleVector.fromArray(DS, bias, bOff + o + 2 * DL);
                    b3 = DoubleVector.fromArray(DS, bias, bOff + o + 3 * DL);
                }
                int p = p0 + o;
                b0.add(c00).intoArray(out, p);
                b1.add(c01).intoArray(out, p + DL);
                b2.add(c02).intoArray(out, p + 2 * DL);
                b3.add(c03).intoArray(out, p + 3 * DL);
                if (rows > 1) {
                    p += cout;
                    b0.add(c10).intoArray(out, p);
                    b1.add(c11).intoArray(out, p + DL);
                    b2.add(c12).intoArray(out, p + 2 * DL);
                    b3.add(c13).intoArray(out, p + 3 * DL);
                }
                if (rows > 2) {
                    p += cout;
                    b0.add(c20).intoArray(out, p);
                    b1.add(c21).intoArray(out, p + DL);
                    b2.add(c22).intoArray(out, p + 2 * DL);
                    b3.add(c23).intoArray(out, p + 3 * DL);
                }
                if (rows > 3) {
                    p += cout;
                    b0.add(c30).intoArray(out, p);
                    b1.add(c31).intoArray(out, p + DL);
                    b2.add(c32).intoArray(out, p + 2 * DL);
                    b3.add(c33).intoArray(out, p + 3 * DL);
                }
            }
            for (; o + DL <= cout; o += DL) {
                DoubleVector c0 = DoubleVector.zero(DS);
                DoubleVector c1 = c0;
                DoubleVector c2 = c0;
                DoubleVector c3 = c0;
                int wi = wOff + o;
                for (int r = 0; r < depth; r++, wi += cout) {
                    DoubleVector wv = DoubleVector.fromArray(DS, w, wi);
                    c0 = wv.fma(DoubleVector.broadcast(DS, in[x0 + r]), c0);
                    c1 = wv.fma(DoubleVector.broadcast(DS, in[x1 + r]), c1);
                    c2 = wv.fma(DoubleVector.broadcast(DS, in[x2 + r]), c2);
                    c3 = wv.fma(DoubleVector.broadcast(DS, in[x3 + r]), c3);
                }
                DoubleVector b = bias == null ? DoubleVector.zero(DS) : DoubleVector.fromArray(DS, bias, bOff + o);
                int p = p0 + o;
                b.add(c0).intoArray(out, p);
                if (rows > 1) {
                    b.add(c1).intoArray(out, p + cout);
                }
                if (rows > 2) {
                    b.add(c2).intoArray(out, p + 2 * cout);
                }
                if (rows > 3) {
                    b.add(c3).intoArray(out, p + 3 * cout);
                }
            }
            for (; o < cout; o++) {
                double b = bias == null ? 0 : bias[bOff + o];
                for (int i = 0; i < rows; i++) {
                    int x = inOff + (t + i) * cin;
                    double acc = 0;
                    for (int r = 0, wi = wOff + o; r < depth; r++, wi += cout) {
                        acc = Math.fma(in[x + r], w[wi], acc);
                    }
                    out[p0 + i * cout + o] = b + acc;
                }
            }
        }
    }

    /** As {@link Kernels#convBackwardWeightScalar}, with any {@code cout}. */
    static void convBackwardWeight(double[] in, int inOff, int inStride, int cin, double[] dOut, int dOff,
                                   int dStride, int cout, int positions, int samples, int k, double[] dW, int dwOff,
                                   double[] dB, int dbOff) {
        for (int s = 0; s < samples; s++) {
            for (int t = 0; t < positions; t++) {
                int g = dOff + s * dStride + t * cout;
                for (int o = 0; o < cout; o++) {
                    dB[dbOff + o] += dOut[g + o];
                }
            }
        }
        int depth = k * cin;
        int r = 0;
        for (; r + 4 <= depth; r += 4) {
            int o = 0;
            for (; o + 4 * DL <= cout; o += 4 * DL) {
                DoubleVector c00 = DoubleVector.zero(DS);
                DoubleVector c01 = c00;
                DoubleVector c02 = c00;
                DoubleVector c03 = c00;
                DoubleVector c10 = c00;
                DoubleVector c11 = c00;
                DoubleVector c12 = c00;
                DoubleVector c13 = c00;
                DoubleVector c20 = c00;
                DoubleVector c21 = c00;
                DoubleVector c22 = c00;
                DoubleVector c23 = c00;
                DoubleVector c30 = c00;
                DoubleVector c31 = c00;
                DoubleVector c32 = c00;
                DoubleVector c33 = c00;
                // one flat loop over (sample, position): C2 keeps vectors in registers through one loop's phis
                // but boxes them through a nested loop's
                int x = inOff + r;
                int g = dOff + o;
                int xSkip = inStride - positions * cin;
                int gSkip = dStride - positions * cout;
                for (int i = 0, t = 0, n = samples * positions; i < n; i++) {
                    DoubleVector d0 = DoubleVector.fromArray(DS, dOut, g);
                    DoubleVector d1 = DoubleVector.fromArray(DS, dOut, g + DL);
                    DoubleVector d2 = DoubleVector.fromArray(DS, dOut, g + 2 * DL);
                    DoubleVector d3 = DoubleVector.fromArray(DS, dOut, g + 3 * DL);
                    DoubleVector a = DoubleVector.broadcast(DS, in[x]);
                    c00 = d0.fma(a, c00);
                    c01 = d1.fma(a, c01);
                    c02 = d2.fma(a, c02);
                    c03 = d3.fma(a, c03);
                    a = DoubleVector.broadcast(DS, in[x + 1]);
                    c10 = d0.fma(a, c10);
                    c11 = d1.fma(a, c11);
                    c12 = d2.fma(a, c12);
                    c13 = d3.fma(a, c13);
                    a = DoubleVector.broadcast(DS, in[x + 2]);
                    c20 = d0.fma(a, c20);
                    c21 = d1.fma(a, c21);
                    c22 = d2.fma(a, c22);
                    c23 = d3.fma(a, c23);
                    a = DoubleVector.broadcast(DS, in[x + 3]);
                    c30 = d0.fma(a, c30);
                    c31 = d1.fma(a, c31);
                    c32 = d2.fma(a, c32);
                    c33 = d3.fma(a, c33);
                    x += cin;
                    g += cout;
                    if (++t == positions) {
                        t = 0;
                        x += xSkip;
                        g += gSkip;
                    }
                }
                // accumulated in place, not through a helper: a vector passed to a call C2 does not inline is boxed
                int p = dwOff + r * cout + o;
                DoubleVector.fromArray(DS, dW, p).add(c00).intoArray(dW, p);
                DoubleVector.fromArray(DS, dW, p + DL).add(c01).intoArray(dW, p + DL);
                DoubleVector.fromArray(DS, dW, p + 2 * DL).add(c02).intoArray(dW, p + 2 * DL);
                DoubleVector.fromArray(DS, dW, p + 3 * DL).add(c03).intoArray(dW, p + 3 * DL);
                p += cout;
                DoubleVector.fromArray(DS, dW, p).add(c10).intoArray(dW, p);
                DoubleVector.fromArray(DS, dW, p + DL).add(c11).intoArray(dW, p + DL);
                DoubleVector.fromArray(DS, dW, p + 2 * DL).add(c12).intoArray(dW, p + 2 * DL);
                DoubleVector.fromArray(DS, dW, p + 3 * DL).add(c13).intoArray(dW, p + 3 * DL);
                p += cout;
                DoubleVector.fromArray(DS, dW, p).add(c20).intoArray(dW, p);
                DoubleVector.fromArray(DS, dW, p + DL).add(c21).intoArray(dW, p + DL);
                DoubleVector.fromArray(DS, dW, p + 2 * DL).add(c22).intoArray(dW, p + 2 * DL);
                DoubleVector.fromArray(DS, dW, p + 3 * DL).add(c23).intoArray(dW, p + 3 * DL);
                p += cout;
                DoubleVector.fromArray(DS, dW, p).add(c30).intoArray(dW, p);
                DoubleVector.fromArray(DS, dW, p + DL).add(c31).intoArray(dW, p + DL);
                DoubleVector.fromArray(DS, dW, p + 2 * DL).add(c32).intoArray(dW, p + 2 * DL);
                DoubleVector.fromArray(DS, dW, p + 3 * DL).add(c33).intoArray(dW, p + 3 * DL);
            }
            for (; o < cout; o++) {
                for (int i = 0; i < 4; i++) {
                    dW[dwOff + (r + i) * cout + o] += weightGradScalar(in, inOff + r + i, inStride, cin, dOut,
                            dOff + o, dStride, cout, positions, samples);
                }
            }
        }
        for (; r < depth; r++) {
            int o = 0;
            for (; o + 4 * DL <= cout; o += 4 * DL) {
                DoubleVector c0 = DoubleVector.zero(DS);
                DoubleVector c1 = c0;
                DoubleVector c2 = c0;
                DoubleVector c3 = c0;
                int x = inOff + r;
                int g = dOff + o;
                int xSkip = inStride - positions * cin;
                int gSkip = dStride - positions * cout;
                for (int i = 0, t = 0, n = samples * positions; i < n; i++) {
                    DoubleVector a = DoubleVector.broadcast(DS, in[x]);
                    c0 = DoubleVector.fromArray(DS, dOut, g).fma(a, c0);
                    c1 = DoubleVector.fromArray(DS, dOut, g + DL).fma(a, c1);
                    c2 = DoubleVector.fromArray(DS, dOut, g + 2 * DL).fma(a, c2);
                    c3 = DoubleVector.fromArray(DS, dOut, g + 3 * DL).fma(a, c3);
                    x += cin;
                    g += cout;
                    if (++t == positions) {
                        t = 0;
                        x += xSkip;
                        g += gSkip;
                    }
                }
                int p = dwOff + r * cout + o;
                DoubleVector.fromArray(DS, dW, p).add(c0).intoArray(dW, p);
                DoubleVector.fromArray(DS, dW, p + DL).add(c1).intoArray(dW, p + DL);
                DoubleVector.fromArray(DS, dW, p + 2 * DL).add(c2).intoArray(dW, p + 2 * DL);
                DoubleVector.fromArray(DS, dW, p + 3 * DL).add(c3).intoArray(dW, p + 3 * DL);
            }
            for (; o < cout; o++) {
                dW[dwOff + r * cout + o] += weightGradScalar(in, inOff + r, inStride, cin, dOut, dOff + o, dStride,
                        cout, positions, samples);
            }
        }
    }

    /** One weight-gradient entry for channel counts that do not fill a 4-vector block. */
    private static double weightGradScalar(double[] in, int x0, int inStride, int cin, double[] dOut, int g0,
                                           int dStride, int cout, int positions, int samples) {
        double acc = 0;
        for (int s = 0; s < samples; s++) {
            int x = x0 + s * inStride;
            int g = g0 + s * dStride;
            for (int t = 0; t < positions; t++, x += cin, g += cout) {
                acc = Math.fma(in[x], dOut[g], acc);
            }
        }
        return acc;
    }
}
