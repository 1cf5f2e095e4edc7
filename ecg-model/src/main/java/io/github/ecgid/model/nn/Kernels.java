package io.github.ecgid.model.nn;

/**
 * Double-precision loops of the training engine. Activations are channel-last ({@code [t][c]}) so the innermost
 * loop always runs over contiguous channels; four rows share each weight (or gradient) row to cut memory
 * traffic. No bounds are checked here beyond Java's own.
 */
final class Kernels {
    private Kernels() {
    }

    /**
     * {@code out[t][o] = bias[o] + sum_j sum_i in[t + j][i] * w[j][i][o]} for {@code positions} outputs, where
     * {@code in} row 0 is the first zero-padding row.
     */
    static void convForward(double[] in, int inOff, int cin, int positions, double[] w, int wOff, double[] bias,
                            int bOff, int k, int cout, double[] out, int outOff) {
        int t = 0;
        for (; t + 4 <= positions; t += 4) {
            int o0 = outOff + t * cout;
            int o1 = o0 + cout;
            int o2 = o1 + cout;
            int o3 = o2 + cout;
            System.arraycopy(bias, bOff, out, o0, cout);
            System.arraycopy(bias, bOff, out, o1, cout);
            System.arraycopy(bias, bOff, out, o2, cout);
            System.arraycopy(bias, bOff, out, o3, cout);
            for (int j = 0; j < k; j++) {
                int r = inOff + (t + j) * cin;
                for (int i = 0; i < cin; i++) {
                    double x0 = in[r + i];
                    double x1 = in[r + cin + i];
                    double x2 = in[r + 2 * cin + i];
                    double x3 = in[r + 3 * cin + i];
                    int wr = wOff + (j * cin + i) * cout;
                    for (int o = 0; o < cout; o++) {
                        double wv = w[wr + o];
                        out[o0 + o] += x0 * wv;
                        out[o1 + o] += x1 * wv;
                        out[o2 + o] += x2 * wv;
                        out[o3 + o] += x3 * wv;
                    }
                }
            }
        }
        for (; t < positions; t++) {
            int o0 = outOff + t * cout;
            System.arraycopy(bias, bOff, out, o0, cout);
            for (int j = 0; j < k; j++) {
                int r = inOff + (t + j) * cin;
                for (int i = 0; i < cin; i++) {
                    double x0 = in[r + i];
                    int wr = wOff + (j * cin + i) * cout;
                    for (int o = 0; o < cout; o++) {
                        out[o0 + o] += x0 * w[wr + o];
                    }
                }
            }
        }
    }

    /**
     * Accumulates the input gradient: {@code dIn[t + j][i] += sum_o dOut[t][o] * wT[j][o][i]} ({@code dIn} padded
     * like the forward input, {@code wT} the weights transposed to {@code [k][out][in]}).
     */
    static void convBackwardInput(double[] dOut, int dOff, int cout, int positions, double[] wT, int k, int cin,
                                  double[] dIn, int dInOff) {
        int t = 0;
        for (; t + 4 <= positions; t += 4) {
            int g = dOff + t * cout;
            for (int j = 0; j < k; j++) {
                int r0 = dInOff + (t + j) * cin;
                int r1 = r0 + cin;
                int r2 = r1 + cin;
                int r3 = r2 + cin;
                for (int o = 0; o < cout; o++) {
                    double a0 = dOut[g + o];
                    double a1 = dOut[g + cout + o];
                    double a2 = dOut[g + 2 * cout + o];
                    double a3 = dOut[g + 3 * cout + o];
                    int wr = (j * cout + o) * cin;
                    for (int i = 0; i < cin; i++) {
                        double wv = wT[wr + i];
                        dIn[r0 + i] += a0 * wv;
                        dIn[r1 + i] += a1 * wv;
                        dIn[r2 + i] += a2 * wv;
                        dIn[r3 + i] += a3 * wv;
                    }
                }
            }
        }
        for (; t < positions; t++) {
            int g = dOff + t * cout;
            for (int j = 0; j < k; j++) {
                int r0 = dInOff + (t + j) * cin;
                for (int o = 0; o < cout; o++) {
                    double a0 = dOut[g + o];
                    int wr = (j * cout + o) * cin;
                    for (int i = 0; i < cin; i++) {
                        dIn[r0 + i] += a0 * wT[wr + i];
                    }
                }
            }
        }
    }

    /**
     * Accumulates the weight and bias gradients: {@code dW[j][i][o] += sum_t in[t + j][i] * dOut[t][o]},
     * {@code dB[o] += sum_t dOut[t][o]}.
     */
    static void convBackwardWeight(double[] in, int inOff, int cin, double[] dOut, int dOff, int cout,
                                   int positions, int k, double[] dW, int dwOff, double[] dB, int dbOff) {
        for (int t = 0; t < positions; t++) {
            int g = dOff + t * cout;
            for (int o = 0; o < cout; o++) {
                dB[dbOff + o] += dOut[g + o];
            }
        }
        for (int j = 0; j < k; j++) {
            int i = 0;
            for (; i + 4 <= cin; i += 4) {
                int w0 = dwOff + (j * cin + i) * cout;
                int w1 = w0 + cout;
                int w2 = w1 + cout;
                int w3 = w2 + cout;
                for (int t = 0; t < positions; t++) {
                    int r = inOff + (t + j) * cin + i;
                    double a0 = in[r];
                    double a1 = in[r + 1];
                    double a2 = in[r + 2];
                    double a3 = in[r + 3];
                    int g = dOff + t * cout;
                    for (int o = 0; o < cout; o++) {
                        double d = dOut[g + o];
                        dW[w0 + o] += a0 * d;
                        dW[w1 + o] += a1 * d;
                        dW[w2 + o] += a2 * d;
                        dW[w3 + o] += a3 * d;
                    }
                }
            }
            for (; i < cin; i++) {
                int w0 = dwOff + (j * cin + i) * cout;
                for (int t = 0; t < positions; t++) {
                    double a0 = in[inOff + (t + j) * cin + i];
                    int g = dOff + t * cout;
                    for (int o = 0; o < cout; o++) {
                        dW[w0 + o] += a0 * dOut[g + o];
                    }
                }
            }
        }
    }
}
