package io.github.ecgid.model.nn;

/**
 * The float inference path: BatchNorm folded into the convolutions, activations stored channel-last
 * ({@code [t][c]}) with zero padding rows, so every inner loop runs over contiguous channels (32, 64 or 128
 * floats). The convolutions run on {@link VectorKernels} when {@link Simd} found {@code jdk.incubator.vector},
 * else on the scalar register-blocked {@link #convScalar}. Immutable; all mutable state lives in a {@link Scratch}.
 */
final class FastForward {

    private static final int L0 = LightweightCnn.BEAT_LENGTH; // 175
    private static final int L1 = L0 / 2;                     // 87
    private static final int L2 = L1 / 2;                     // 43
    private static final int C1 = 32;
    private static final int C2 = 64;
    private static final int C3 = 128;
    private static final int E = LightweightCnn.EMBEDDING_SIZE;

    /** Folded conv weights in {@code [k][in][out]} layout and folded biases. */
    private final float[] w1;
    private final float[] b1;
    private final float[] w2;
    private final float[] b2;
    private final float[] w3;
    private final float[] b3;
    /** fc1 weights transposed to {@code [in][out]}; the 1/43 of the average pool is folded in. */
    private final float[] fc1t;
    private final float[] fc1b;
    private final float[] fc2w;
    private final float[] fc2b;
    private final int n;

    FastForward(CnnWeights w) {
        float[][] c1 = fold(w.conv1(), w.bn1());
        float[][] c2 = fold(w.conv2(), w.bn2());
        float[][] c3 = fold(w.conv3(), w.bn3());
        w1 = c1[0];
        b1 = c1[1];
        w2 = c2[0];
        b2 = c2[1];
        w3 = c3[0];
        b3 = c3[1];
        float[] f1 = w.fc1().weightView();
        fc1t = new float[C3 * E];
        for (int o = 0; o < E; o++) {
            for (int i = 0; i < C3; i++) {
                fc1t[i * E + o] = (float) (f1[o * C3 + i] / (double) L2);
            }
        }
        fc1b = w.fc1().bias();
        fc2w = w.fc2().weight();
        fc2b = w.fc2().bias();
        n = w.numClasses();
    }

    /**
     * Folds eval-mode BatchNorm into the convolution (in double, rounded once) and transposes the weights to
     * {@code [k][in][out]}: returns {weights, bias}.
     */
    static float[][] fold(Conv1dParams c, BatchNormParams bn) {
        int out = c.outChannels();
        int in = c.inChannels();
        int k = c.kernelSize();
        float[] w = c.weightView();
        float[] b = c.biasView();
        float[] wt = new float[k * in * out];
        float[] bias = new float[out];
        for (int o = 0; o < out; o++) {
            double scale = bn.scale(o);
            bias[o] = (float) (b[o] * scale + bn.shift(o));
            for (int i = 0; i < in; i++) {
                for (int j = 0; j < k; j++) {
                    wt[(j * in + i) * out + o] = (float) (w[(o * in + i) * k + j] * scale);
                }
            }
        }
        return new float[][] {wt, bias};
    }

    /** Per-thread buffers; padding rows stay zero because nothing writes them. */
    static final class Scratch {
        final float[] x0 = new float[L0 + 6];
        final float[] a1 = new float[2 * L1 * C1];
        final float[] p1 = new float[(L1 + 4) * C1];
        final float[] a2 = new float[2 * L2 * C2];
        final float[] p2 = new float[(L2 + 2) * C2];
        final float[] a3 = new float[L2 * C3];
        final float[] g = new float[C3];
        final float[] h = new float[E];
    }

    Scratch newScratch() {
        return new Scratch();
    }

    void forward(float[] beats, int beatOff, Scratch s, float[] logits, int logitsOff, float[] emb, int embOff) {
        System.arraycopy(beats, beatOff, s.x0, 3, L0);
        // Position 174 of conv1 is dropped by the floor pooling, so only 2 * 87 positions are computed.
        conv(s.x0, 1, 2 * L1, w1, b1, 7, C1, s.a1);
        reluPool(s.a1, L1, C1, s.p1, 2);
        conv(s.p1, C1, 2 * L2, w2, b2, 5, C2, s.a2);
        reluPool(s.a2, L2, C2, s.p2, 1);
        conv(s.p2, C2, L2, w3, b3, 3, C3, s.a3);
        float[] g = s.g;
        java.util.Arrays.fill(g, 0f);
        float[] a3 = s.a3;
        for (int t = 0; t < L2; t++) {
            int row = t * C3;
            for (int c = 0; c < C3; c++) {
                g[c] += Math.max(0f, a3[row + c]);
            }
        }
        float[] h = s.h;
        System.arraycopy(fc1b, 0, h, 0, E);
        for (int i = 0; i < C3; i++) {
            float gi = g[i];
            int row = i * E;
            for (int o = 0; o < E; o++) {
                h[o] += gi * fc1t[row + o];
            }
        }
        for (int o = 0; o < E; o++) {
            h[o] = Math.max(0f, h[o]);
        }
        if (emb != null) {
            System.arraycopy(h, 0, emb, embOff, E);
        }
        for (int c = 0; c < n; c++) {
            float acc = fc2b[c];
            int row = c * E;
            for (int i = 0; i < E; i++) {
                acc += fc2w[row + i] * h[i];
            }
            logits[logitsOff + c] = acc;
        }
    }

    /** {@link #convScalar}, on {@link VectorKernels} when {@link Simd#ENABLED}. */
    static void conv(float[] in, int cin, int positions, float[] wt, float[] bias, int k, int cout, float[] out) {
        if (Simd.ENABLED) {
            VectorKernels.conv(in, cin, positions, wt, bias, k, cout, out);
        } else {
            convScalar(in, cin, positions, wt, bias, k, cout, out);
        }
    }

    /**
     * Direct convolution over a channel-last padded input ({@code in[(t + j) * cin + i]}, row 0 is the first
     * padding row) into {@code out[t * cout + o]} for {@code positions} outputs, as a matrix product: the receptive
     * field of position {@code t} is the contiguous window {@code in[t * cin, t * cin + k * cin)} and the weights
     * are {@code [k][in][out]}. A 4 × 4 block of outputs stays in locals across the reduction (see {@link Kernels}).
     * {@code cout} must be a multiple of 4. This is the scalar kernel; {@link #conv} picks it or {@link
     * VectorKernels}.
     */
    static void convScalar(float[] in, int cin, int positions, float[] wt, float[] bias, int k, int cout,
                           float[] out) {
        int depth = k * cin;
        int last = positions - 1;
        for (int t = 0; t < positions; t += 4) {
            // A last block of fewer than 4 rows repeats the final row and stores only the valid ones.
            int rows = Math.min(4, positions - t);
            int x0 = t * cin;
            int x1 = Math.min(t + 1, last) * cin;
            int x2 = Math.min(t + 2, last) * cin;
            int x3 = Math.min(t + 3, last) * cin;
            for (int o = 0; o < cout; o += 4) {
                float c00 = 0, c01 = 0, c02 = 0, c03 = 0;
                float c10 = 0, c11 = 0, c12 = 0, c13 = 0;
                float c20 = 0, c21 = 0, c22 = 0, c23 = 0;
                float c30 = 0, c31 = 0, c32 = 0, c33 = 0;
                int wi = o;
                for (int r = 0; r < depth; r++, wi += cout) {
                    float w0 = wt[wi];
                    float w1 = wt[wi + 1];
                    float w2 = wt[wi + 2];
                    float w3 = wt[wi + 3];
                    float a0 = in[x0 + r];
                    float a1 = in[x1 + r];
                    float a2 = in[x2 + r];
                    float a3 = in[x3 + r];
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
                float b0 = bias[o];
                float b1 = bias[o + 1];
                float b2 = bias[o + 2];
                float b3 = bias[o + 3];
                int p = t * cout + o;
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

    /** ReLU then max-pool pairs of rows of {@code a} into rows {@code pad..pad+len-1} of {@code p}. */
    static void reluPool(float[] a, int len, int c, float[] p, int pad) {
        for (int t = 0; t < len; t++) {
            int r0 = 2 * t * c;
            int r1 = r0 + c;
            int dst = (t + pad) * c;
            for (int i = 0; i < c; i++) {
                p[dst + i] = Math.max(0f, Math.max(a[r0 + i], a[r1 + i]));
            }
        }
    }
}
