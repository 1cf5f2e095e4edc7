package io.github.ecgid.model.nn;

/**
 * Double-precision loops of the training engine, all one register-blocked matrix product.
 *
 * <p>Activations are channel-last ({@code [t][c]}) with zero padding rows, so the receptive field of output
 * position {@code t} is the contiguous window {@code in[t * cin .. t * cin + k * cin)} and a convolution is a
 * matrix product with the weights laid out {@code [k][in][out]} (im2col for free). Each kernel keeps a 4 × 4 block
 * of results in local variables across the whole reduction: 8 loads per 32 flops, where a plain vectorised
 * axpy over 32–128 channels spends most of its time in loop prologues and epilogues. With {@code
 * jdk.incubator.vector} present the same blocking runs on vectors ({@link VectorKernels}; {@link Simd} decides).
 */
final class Kernels {
    private Kernels() {
    }

    /**
     * {@code out[t][o] = bias[o] + sum_r in[inOff + t * cin + r] * w[wOff + r * cout + o]}: {@link VectorKernels}
     * when {@link Simd#ENABLED}, else {@link #convForwardScalar}. {@code cout} must be a multiple of 4.
     */
    static void convForward(double[] in, int inOff, int cin, int positions, double[] w, int wOff, double[] bias,
                            int bOff, int k, int cout, double[] out, int outOff) {
        if (Simd.ENABLED) {
            VectorKernels.convForward(in, inOff, cin, positions, w, wOff, bias, bOff, k, cout, out, outOff);
        } else {
            convForwardScalar(in, inOff, cin, positions, w, wOff, bias, bOff, k, cout, out, outOff);
        }
    }

    /**
     * Weight and bias gradient of a convolution (see {@link #convBackwardWeightScalar}): {@link VectorKernels}
     * when {@link Simd#ENABLED}, else the scalar kernel.
     */
    static void convBackwardWeight(double[] in, int inOff, int inStride, int cin, double[] dOut, int dOff,
                                   int dStride, int cout, int positions, int samples, int k, double[] dW, int dwOff,
                                   double[] dB, int dbOff) {
        if (Simd.ENABLED) {
            VectorKernels.convBackwardWeight(in, inOff, inStride, cin, dOut, dOff, dStride, cout, positions, samples,
                    k, dW, dwOff, dB, dbOff);
        } else {
            convBackwardWeightScalar(in, inOff, inStride, cin, dOut, dOff, dStride, cout, positions, samples, k, dW,
                    dwOff, dB, dbOff);
        }
    }

    /**
     * The scalar kernel: {@code out[t][o] = bias[o] + sum_r in[inOff + t * cin + r] * w[wOff + r * cout + o]} for {@code t <
     * positions}, {@code r < k * cin}; {@code cout} must be a multiple of 4; a null {@code bias} means 0.
     */
    static void convForwardScalar(double[] in, int inOff, int cin, int positions, double[] w, int wOff,
                                  double[] bias, int bOff, int k, int cout, double[] out, int outOff) {
        int depth = k * cin;
        int last = positions - 1;
        for (int t = 0; t < positions; t += 4) {
            // A last block of fewer than 4 rows repeats the final row and stores only the valid ones.
            int rows = Math.min(4, positions - t);
            int x0 = inOff + t * cin;
            int x1 = inOff + Math.min(t + 1, last) * cin;
            int x2 = inOff + Math.min(t + 2, last) * cin;
            int x3 = inOff + Math.min(t + 3, last) * cin;
            for (int o = 0; o < cout; o += 4) {
                double c00 = 0, c01 = 0, c02 = 0, c03 = 0;
                double c10 = 0, c11 = 0, c12 = 0, c13 = 0;
                double c20 = 0, c21 = 0, c22 = 0, c23 = 0;
                double c30 = 0, c31 = 0, c32 = 0, c33 = 0;
                int wi = wOff + o;
                for (int r = 0; r < depth; r++, wi += cout) {
                    double w0 = w[wi];
                    double w1 = w[wi + 1];
                    double w2 = w[wi + 2];
                    double w3 = w[wi + 3];
                    double a0 = in[x0 + r];
                    double a1 = in[x1 + r];
                    double a2 = in[x2 + r];
                    double a3 = in[x3 + r];
                    c00 += a0 * w0;
                    c01 += a0 * w1;
                    c02 += a0 * w2;
                    c03 += a0 * w3;
                    c10 += a1 * w0;
                    c11 += a1 * w1;
                    c12 += a1 * w2;
                    c13 += a1 * w3;
                    c20 += a2 * w0;
                    c21 += a2 * w1;
                    c22 += a2 * w2;
                    c23 += a2 * w3;
                    c30 += a3 * w0;
                    c31 += a3 * w1;
                    c32 += a3 * w2;
                    c33 += a3 * w3;
                }
                double b0 = 0, b1 = 0, b2 = 0, b3 = 0;
                if (bias != null) {
                    b0 = bias[bOff + o];
                    b1 = bias[bOff + o + 1];
                    b2 = bias[bOff + o + 2];
                    b3 = bias[bOff + o + 3];
                }
                int p = outOff + t * cout + o;
                out[p] = b0 + c00;
                out[p + 1] = b1 + c01;
                out[p + 2] = b2 + c02;
                out[p + 3] = b3 + c03;
                if (rows > 1) {
                    p += cout;
                    out[p] = b0 + c10;
                    out[p + 1] = b1 + c11;
                    out[p + 2] = b2 + c12;
                    out[p + 3] = b3 + c13;
                }
                if (rows > 2) {
                    p += cout;
                    out[p] = b0 + c20;
                    out[p + 1] = b1 + c21;
                    out[p + 2] = b2 + c22;
                    out[p + 3] = b3 + c23;
                }
                if (rows > 3) {
                    p += cout;
                    out[p] = b0 + c30;
                    out[p + 1] = b1 + c31;
                    out[p + 2] = b2 + c32;
                    out[p + 3] = b3 + c33;
                }
            }
        }
    }

    /**
     * Transposes and flips conv weights {@code [k][in][out]} into {@code [k][out][in]} with the taps reversed, so
     * that the input gradient is {@link #convForward} over the (padded) output gradient with these weights.
     */
    static void flipForBackward(double[] w, int wOff, int k, int in, int out, double[] dst) {
        for (int j = 0; j < k; j++) {
            int jf = k - 1 - j;
            for (int i = 0; i < in; i++) {
                for (int o = 0; o < out; o++) {
                    dst[(jf * out + o) * in + i] = w[wOff + (j * in + i) * out + o];
                }
            }
        }
    }

    /**
     * The scalar kernel: accumulates {@code dW[r][o] += sum over samples s and positions t of in[s][t * cin + r] * dOut[s][t][o]}
     * ({@code r < k * cin}) and {@code dB[o] += sum dOut[s][t][o]}, for {@code samples} samples at strides
     * {@code inStride} and {@code dStride}. {@code cout} must be a multiple of 4.
     */
    static void convBackwardWeightScalar(double[] in, int inOff, int inStride, int cin, double[] dOut, int dOff,
                                         int dStride, int cout, int positions, int samples, int k, double[] dW,
                                         int dwOff, double[] dB, int dbOff) {
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
            for (int o = 0; o < cout; o += 4) {
                double c00 = 0, c01 = 0, c02 = 0, c03 = 0;
                double c10 = 0, c11 = 0, c12 = 0, c13 = 0;
                double c20 = 0, c21 = 0, c22 = 0, c23 = 0;
                double c30 = 0, c31 = 0, c32 = 0, c33 = 0;
                for (int s = 0; s < samples; s++) {
                    int x = inOff + s * inStride + r;
                    int g = dOff + s * dStride + o;
                    for (int t = 0; t < positions; t++, x += cin, g += cout) {
                        double a0 = in[x];
                        double a1 = in[x + 1];
                        double a2 = in[x + 2];
                        double a3 = in[x + 3];
                        double d0 = dOut[g];
                        double d1 = dOut[g + 1];
                        double d2 = dOut[g + 2];
                        double d3 = dOut[g + 3];
                        c00 += a0 * d0;
                        c01 += a0 * d1;
                        c02 += a0 * d2;
                        c03 += a0 * d3;
                        c10 += a1 * d0;
                        c11 += a1 * d1;
                        c12 += a1 * d2;
                        c13 += a1 * d3;
                        c20 += a2 * d0;
                        c21 += a2 * d1;
                        c22 += a2 * d2;
                        c23 += a2 * d3;
                        c30 += a3 * d0;
                        c31 += a3 * d1;
                        c32 += a3 * d2;
                        c33 += a3 * d3;
                    }
                }
                int p = dwOff + r * cout + o;
                dW[p] += c00;
                dW[p + 1] += c01;
                dW[p + 2] += c02;
                dW[p + 3] += c03;
                p += cout;
                dW[p] += c10;
                dW[p + 1] += c11;
                dW[p + 2] += c12;
                dW[p + 3] += c13;
                p += cout;
                dW[p] += c20;
                dW[p + 1] += c21;
                dW[p + 2] += c22;
                dW[p + 3] += c23;
                p += cout;
                dW[p] += c30;
                dW[p + 1] += c31;
                dW[p + 2] += c32;
                dW[p + 3] += c33;
            }
        }
        for (; r < depth; r++) {
            for (int o = 0; o < cout; o += 4) {
                double c0 = 0, c1 = 0, c2 = 0, c3 = 0;
                for (int s = 0; s < samples; s++) {
                    int x = inOff + s * inStride + r;
                    int g = dOff + s * dStride + o;
                    for (int t = 0; t < positions; t++, x += cin, g += cout) {
                        double a = in[x];
                        c0 += a * dOut[g];
                        c1 += a * dOut[g + 1];
                        c2 += a * dOut[g + 2];
                        c3 += a * dOut[g + 3];
                    }
                }
                int p = dwOff + r * cout + o;
                dW[p] += c0;
                dW[p + 1] += c1;
                dW[p + 2] += c2;
                dW[p + 3] += c3;
            }
        }
    }
}
