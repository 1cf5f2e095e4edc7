package io.github.ecgid.model.nn;

import java.util.Arrays;
import java.util.concurrent.Semaphore;

/**
 * The LightweightCNN in double precision with forward and backward passes, for training and gradient checks.
 *
 * <p>Parameters live in one flat vector (layout in the {@code *_W}/{@code *_B} constants; convolution weights
 * as {@code [k][in][out]}, dense weights as PyTorch's {@code [out][in]}). A batch is cut into {@link #SHARDS}
 * fixed contiguous shards; each shard has its own preallocated activation and gradient buffers and may run on
 * its own thread. Batch-wide quantities (BatchNorm statistics and their backward sums, the parameter gradient)
 * are reduced by the calling thread in shard order, so results do not depend on the thread count or timing.
 *
 * <p>Not thread-safe: one caller at a time. Close it to stop the worker thread.
 */
final class TrainingNet implements AutoCloseable {

    static final int SHARDS = 2;
    static final int L0 = 175;
    static final int L1 = 87;
    static final int L2 = 43;
    static final int C1 = 32;
    static final int C2 = 64;
    static final int C3 = 128;
    static final int E = 64;

    static final int CONV1_W = 0;
    static final int CONV1_B = CONV1_W + 7 * C1;
    static final int BN1_G = CONV1_B + C1;
    static final int BN1_B = BN1_G + C1;
    static final int CONV2_W = BN1_B + C1;
    static final int CONV2_B = CONV2_W + 5 * C1 * C2;
    static final int BN2_G = CONV2_B + C2;
    static final int BN2_B = BN2_G + C2;
    static final int CONV3_W = BN2_B + C2;
    static final int CONV3_B = CONV3_W + 3 * C2 * C3;
    static final int BN3_G = CONV3_B + C3;
    static final int BN3_B = BN3_G + C3;
    static final int FC1_W = BN3_B + C3;
    static final int FC1_B = FC1_W + E * C3;
    static final int FC2_W = FC1_B + E;

    private static final int X0S = L0 + 6;
    private static final int Z1S = L0 * C1;
    private static final int P1S = (L1 + 4) * C1;
    private static final int A1S = L1 * C1;
    private static final int Z2S = L1 * C2;
    private static final int P2S = (L2 + 2) * C2;
    private static final int A2S = L2 * C2;
    private static final int Z3S = L2 * C3;
    private static final int Z2PS = (L1 + 4) * C2; // conv2 output gradient, padded like conv2's input
    private static final int Z3PS = (L2 + 2) * C3;

    final int n;
    final int size;
    final int fc2B;
    /** Trainable parameters, updated in place by the optimiser. */
    final double[] params;
    /** BatchNorm running statistics (buffers, not trained by gradient). */
    final double[] runMean1 = new double[C1];
    final double[] runVar1 = new double[C1];
    final double[] runMean2 = new double[C2];
    final double[] runVar2 = new double[C2];
    final double[] runMean3 = new double[C3];
    final double[] runVar3 = new double[C3];
    double bnMomentum = 0.1;
    double bnEps = 1e-5;
    double labelSmoothing;
    /** Per-class loss weights, or null for 1. */
    double[] classWeights;
    /**
     * Additive cosine margin head (CosFace) when {@code > 0}: logits are {@code marginScale * cos(e, W_k)} (fc2's
     * bias unused) and the true class's logit is lowered by {@code marginScale * margin} in the loss.
     */
    double marginScale;
    double margin;

    private final int maxBatch;
    /** Conv weights transposed and flipped for the input gradient ({@link Kernels#flipForBackward}). */
    private final double[] wF2 = new double[5 * C2 * C1];
    private final double[] wF3 = new double[3 * C3 * C2];
    private final Shard[] shards = new Shard[SHARDS];
    private final Bn bn1 = new Bn(C1);
    private final Bn bn2 = new Bn(C2);
    private final Bn bn3 = new Bn(C3);

    // inputs of the current pass
    private float[] beats;
    private int[] labels;
    private float[] dropoutScale;
    private int batch;
    private boolean training;
    private boolean backward;
    private double lossWeightSum;

    // the worker that runs shard 1
    private final Thread worker;
    private final Semaphore go = new Semaphore(0);
    private final Semaphore done = new Semaphore(0);
    private volatile int phase;
    private volatile boolean closed;
    private volatile Throwable workerError;

    TrainingNet(int numClasses, int maxBatch, int threads) {
        this.n = numClasses;
        this.fc2B = FC2_W + E * n;
        this.size = fc2B + n;
        this.params = new double[size];
        this.maxBatch = maxBatch;
        int perShard = (maxBatch + SHARDS - 1) / SHARDS;
        for (int s = 0; s < SHARDS; s++) {
            shards[s] = new Shard(perShard);
        }
        Arrays.fill(runVar1, 1);
        Arrays.fill(runVar2, 1);
        Arrays.fill(runVar3, 1);
        if (threads > 1) {
            worker = new Thread(this::workerLoop, "ecgid-cnn-trainer");
            worker.setDaemon(true);
            worker.start();
        } else {
            worker = null;
        }
    }

    int maxBatch() {
        return maxBatch;
    }

    // ---------------------------------------------------------------- weights in and out

    void load(CnnWeights w) {
        if (w.numClasses() != n) {
            throw new IllegalArgumentException("weights have " + w.numClasses() + " classes, net has " + n);
        }
        convIn(w.conv1(), CONV1_W, CONV1_B);
        convIn(w.conv2(), CONV2_W, CONV2_B);
        convIn(w.conv3(), CONV3_W, CONV3_B);
        bnIn(w.bn1(), BN1_G, BN1_B, runMean1, runVar1);
        bnIn(w.bn2(), BN2_G, BN2_B, runMean2, runVar2);
        bnIn(w.bn3(), BN3_G, BN3_B, runMean3, runVar3);
        copy(w.fc1().weightView(), params, FC1_W);
        copy(w.fc1().biasView(), params, FC1_B);
        copy(w.fc2().weightView(), params, FC2_W);
        copy(w.fc2().biasView(), params, fc2B);
    }

    private void convIn(Conv1dParams c, int wOff, int bOff) {
        float[] w = c.weightView();
        int out = c.outChannels();
        int in = c.inChannels();
        int k = c.kernelSize();
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                for (int j = 0; j < k; j++) {
                    params[wOff + (j * in + i) * out + o] = w[(o * in + i) * k + j];
                }
            }
        }
        copy(c.biasView(), params, bOff);
    }

    private void bnIn(BatchNormParams b, int gOff, int bOff, double[] mean, double[] var) {
        copy(b.gamma(), params, gOff);
        copy(b.beta(), params, bOff);
        copy(b.runningMean(), mean, 0);
        copy(b.runningVar(), var, 0);
    }

    private static void copy(float[] src, double[] dst, int off) {
        for (int i = 0; i < src.length; i++) {
            dst[off + i] = src[i];
        }
    }

    /** The current parameters and running statistics, rounded to float. */
    CnnWeights toWeights() {
        return new CnnWeights(
                convOut(CONV1_W, CONV1_B, 1, C1, 7), bnOut(BN1_G, BN1_B, runMean1, runVar1),
                convOut(CONV2_W, CONV2_B, C1, C2, 5), bnOut(BN2_G, BN2_B, runMean2, runVar2),
                convOut(CONV3_W, CONV3_B, C2, C3, 3), bnOut(BN3_G, BN3_B, runMean3, runVar3),
                new DenseParams(E, C3, slice(FC1_W, E * C3), slice(FC1_B, E)),
                new DenseParams(n, E, slice(FC2_W, n * E), slice(fc2B, n)));
    }

    private Conv1dParams convOut(int wOff, int bOff, int in, int out, int k) {
        float[] w = new float[out * in * k];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                for (int j = 0; j < k; j++) {
                    w[(o * in + i) * k + j] = (float) params[wOff + (j * in + i) * out + o];
                }
            }
        }
        return new Conv1dParams(out, in, k, w, slice(bOff, out));
    }

    private BatchNormParams bnOut(int gOff, int bOff, double[] mean, double[] var) {
        return new BatchNormParams(slice(gOff, mean.length), slice(bOff, mean.length), toFloat(mean), toFloat(var),
                (float) bnEps);
    }

    private float[] slice(int off, int len) {
        float[] f = new float[len];
        for (int i = 0; i < len; i++) {
            f[i] = (float) params[off + i];
        }
        return f;
    }

    private static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    // ---------------------------------------------------------------- passes

    /**
     * Training-mode forward and backward pass over {@code batchSize} beats ({@code [b * 175 + t]}): batch
     * statistics in BatchNorm (running statistics updated), dropout as given by {@code dropoutScale}
     * ({@code [b * 64 + j]}: 0 drops, {@code 1/(1-p)} keeps; null disables dropout). Writes the gradient of the
     * (weighted) mean loss into {@code grad}.
     *
     * @return the mean loss over the batch
     */
    double trainStep(float[] beats, int[] labels, int batchSize, float[] dropoutScale, double[] grad) {
        begin(beats, labels, batchSize, dropoutScale, true, true);
        transposeConvWeights();
        run(0);
        bnForwardReduce(bn1, L0, BN1_G, runMean1, runVar1);
        run(1);
        bnForwardReduce(bn2, L1, BN2_G, runMean2, runVar2);
        run(2);
        bnForwardReduce(bn3, L2, BN3_G, runMean3, runVar3);
        run(3);
        bnBackwardReduce(bn3);
        run(4);
        bnBackwardReduce(bn2);
        run(5);
        bnBackwardReduce(bn1);
        run(6);
        Arrays.fill(grad, 0, size, 0.0);
        for (Shard s : shards) {
            if (s.count > 0) {
                double[] g = s.grad;
                for (int i = 0; i < size; i++) {
                    grad[i] += g[i];
                }
            }
        }
        bnGradInto(bn1, grad, BN1_G, BN1_B);
        bnGradInto(bn2, grad, BN2_G, BN2_B);
        bnGradInto(bn3, grad, BN3_G, BN3_B);
        return lossSum() / lossWeightSum;
    }

    /**
     * Forward pass without parameter gradients. {@code training} selects batch statistics (without touching the
     * running statistics) or the running statistics (eval mode); dropout is off. Writes logits {@code [b * N + k]}
     * and, if not null, embeddings {@code [b * 64 + j]}.
     *
     * @return the mean loss over the batch
     */
    double forward(float[] beats, int[] labels, int batchSize, boolean training, float[] logitsOut,
                   float[] embeddingOut) {
        begin(beats, labels, batchSize, null, training, false);
        run(0);
        bnForwardReduce(bn1, L0, BN1_G, null, null);
        if (!training) {
            bnRunning(bn1, runMean1, runVar1);
        }
        run(1);
        bnForwardReduce(bn2, L1, BN2_G, null, null);
        if (!training) {
            bnRunning(bn2, runMean2, runVar2);
        }
        run(2);
        bnForwardReduce(bn3, L2, BN3_G, null, null);
        if (!training) {
            bnRunning(bn3, runMean3, runVar3);
        }
        run(3);
        for (Shard s : shards) {
            for (int q = 0; q < s.count; q++) {
                int b = s.from + q;
                for (int k = 0; k < n; k++) {
                    logitsOut[b * n + k] = (float) s.logits[q * n + k];
                }
                if (embeddingOut != null) {
                    for (int j = 0; j < E; j++) {
                        embeddingOut[b * E + j] = (float) Math.max(0, s.h[q * E + j]);
                    }
                }
            }
        }
        return lossSum() / lossWeightSum;
    }

    /** Number of beats of the last pass whose largest logit was the true class. */
    int lastCorrect() {
        int c = 0;
        for (Shard s : shards) {
            for (int q = 0; q < s.count; q++) {
                c += s.correct[q];
            }
        }
        return c;
    }

    /** Weighted loss summed over the last pass's beats; divide by {@link #lastWeightSum()} for the mean. */
    double lastLossSum() {
        return lossSum();
    }

    /** Sum of the class weights of the last pass's beats (the batch size without class weights). */
    double lastWeightSum() {
        return lossWeightSum;
    }

    private double lossSum() {
        double l = 0;
        for (Shard s : shards) {
            for (int q = 0; q < s.count; q++) {
                l += s.loss[q];
            }
        }
        return l;
    }

    private void begin(float[] beats, int[] labels, int batchSize, float[] dropoutScale, boolean training,
                       boolean backward) {
        if (batchSize < 1 || batchSize > maxBatch) {
            throw new IllegalArgumentException("batch size " + batchSize + " outside 1.." + maxBatch);
        }
        this.beats = beats;
        this.labels = labels;
        this.batch = batchSize;
        this.dropoutScale = dropoutScale;
        this.training = training;
        this.backward = backward;
        int per = (batchSize + SHARDS - 1) / SHARDS;
        for (int s = 0; s < SHARDS; s++) {
            shards[s].from = Math.min(batchSize, s * per);
            shards[s].count = Math.min(batchSize, (s + 1) * per) - shards[s].from;
        }
        double w = 0;
        for (int b = 0; b < batchSize; b++) {
            w += classWeights == null || labels == null ? 1.0 : classWeights[labels[b]];
        }
        lossWeightSum = w;
    }

    private void transposeConvWeights() {
        Kernels.flipForBackward(params, CONV2_W, 5, C1, C2, wF2);
        Kernels.flipForBackward(params, CONV3_W, 3, C2, C3, wF3);
    }

    // ---------------------------------------------------------------- BatchNorm reductions (calling thread)

    /** Batch statistics of one BatchNorm layer, and the sums of its backward pass. */
    private static final class Bn {
        final double[] mean;
        final double[] invStd;
        final double[] sumDy;
        final double[] sumDyXhat;
        double count;

        Bn(int c) {
            mean = new double[c];
            invStd = new double[c];
            sumDy = new double[c];
            sumDyXhat = new double[c];
        }
    }

    private void bnForwardReduce(Bn bn, int len, int gOff, double[] runMean, double[] runVar) {
        int c = bn.mean.length;
        double cnt = (double) batch * len;
        bn.count = cnt;
        for (int ch = 0; ch < c; ch++) {
            double s = 0;
            double q = 0;
            for (Shard sh : shards) {
                if (sh.count > 0) {
                    s += sh.sum(bn)[ch];
                    q += sh.sumSq(bn)[ch];
                }
            }
            double mean = s / cnt;
            double var = Math.max(0, q / cnt - mean * mean);
            bn.mean[ch] = mean;
            bn.invStd[ch] = 1.0 / Math.sqrt(var + bnEps);
            if (runMean != null) {
                runMean[ch] = (1 - bnMomentum) * runMean[ch] + bnMomentum * mean;
                // PyTorch keeps the unbiased variance in the running statistics.
                runVar[ch] = (1 - bnMomentum) * runVar[ch] + bnMomentum * var * cnt / Math.max(1, cnt - 1);
            }
        }
    }

    private void bnRunning(Bn bn, double[] runMean, double[] runVar) {
        for (int ch = 0; ch < bn.mean.length; ch++) {
            bn.mean[ch] = runMean[ch];
            bn.invStd[ch] = 1.0 / Math.sqrt(runVar[ch] + bnEps);
        }
    }

    private void bnBackwardReduce(Bn bn) {
        int c = bn.mean.length;
        Arrays.fill(bn.sumDy, 0);
        Arrays.fill(bn.sumDyXhat, 0);
        for (Shard sh : shards) {
            if (sh.count > 0) {
                double[] a = sh.sum(bn);
                double[] b = sh.sumSq(bn);
                for (int ch = 0; ch < c; ch++) {
                    bn.sumDy[ch] += a[ch];
                    bn.sumDyXhat[ch] += b[ch];
                }
            }
        }
    }

    private static void bnGradInto(Bn bn, double[] grad, int gOff, int bOff) {
        for (int ch = 0; ch < bn.mean.length; ch++) {
            grad[gOff + ch] = bn.sumDyXhat[ch];
            grad[bOff + ch] = bn.sumDy[ch];
        }
    }

    // ---------------------------------------------------------------- threading

    private void run(int ph) {
        if (worker == null || shards[1].count == 0) {
            for (Shard s : shards) {
                if (s.count > 0) {
                    runPhase(ph, s);
                }
            }
            return;
        }
        phase = ph;
        go.release();
        Throwable mine = null;
        try {
            runPhase(ph, shards[0]);
        } catch (RuntimeException | Error e) {
            mine = e;
        }
        done.acquireUninterruptibly();
        Throwable theirs = workerError;
        workerError = null;
        Throwable t = mine != null ? mine : theirs;
        if (t instanceof RuntimeException re) {
            throw re;
        } else if (t instanceof Error er) {
            throw er;
        } else if (t != null) {
            throw new IllegalStateException(t);
        }
    }

    private void workerLoop() {
        while (true) {
            go.acquireUninterruptibly();
            if (closed) {
                return;
            }
            try {
                runPhase(phase, shards[1]);
            } catch (Throwable t) {
                workerError = t;
            }
            done.release();
        }
    }

    @Override
    public void close() {
        if (worker != null && !closed) {
            closed = true;
            go.release();
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void runPhase(int ph, Shard s) {
        switch (ph) {
            case 0 -> s.conv1Forward();
            case 1 -> s.block2Forward();
            case 2 -> s.block3Forward();
            case 3 -> s.headForwardBackward();
            case 4 -> s.block3Backward();
            case 5 -> s.block2Backward();
            case 6 -> s.block1Backward();
            default -> throw new IllegalStateException("phase " + ph);
        }
    }

    // ---------------------------------------------------------------- per-shard work

    /** Buffers and work of one contiguous slice of the batch. */
    private final class Shard {
        int from;
        int count;
        final double[] x0;
        final double[] z1; // conv1 output, then xhat1 in place
        final double[] y1; // BN1 output (pre-ReLU)
        final double[] p1; // ReLU+pool output, padded for conv2
        final byte[] a1;   // which of each pooled pair won
        final double[] z2;
        final double[] y2;
        final double[] p2;
        final byte[] a2;
        final double[] z3;
        final double[] y3;
        final double[] g;  // global average pool
        final double[] h;  // fc1 pre-ReLU
        final double[] d;  // after ReLU and dropout
        final double[] logits;
        final double[] loss;
        final int[] correct;
        final double[] dY1; // gradient at BN1's output, then at conv1's output
        final double[] dP1; // gradient at pool1's output
        final double[] dZ2; // as dY1 for block 2, padded like conv2's input (rows 0-1 and last 2 stay zero)
        final double[] dP2;
        final double[] dZ3; // padded like conv3's input
        final double[] grad;
        final double[] vecE = new double[E];
        final double[] vecC = new double[C3];
        final double[] dLogits;
        final double[] dNorm;      // cosine head: |d| per beat
        final double[] wNorm;      // cosine head: |W_k| per class
        // partial sums: forward (sum, sum of squares) or backward (sum dy, sum dy*xhat), per BN layer
        final double[] s1 = new double[C1];
        final double[] q1 = new double[C1];
        final double[] s2 = new double[C2];
        final double[] q2 = new double[C2];
        final double[] s3 = new double[C3];
        final double[] q3 = new double[C3];

        Shard(int m) {
            x0 = new double[m * X0S];
            z1 = new double[m * Z1S];
            y1 = new double[m * Z1S];
            p1 = new double[m * P1S];
            a1 = new byte[m * A1S];
            z2 = new double[m * Z2S];
            y2 = new double[m * Z2S];
            p2 = new double[m * P2S];
            a2 = new byte[m * A2S];
            z3 = new double[m * Z3S];
            y3 = new double[m * Z3S];
            g = new double[m * C3];
            h = new double[m * E];
            d = new double[m * E];
            logits = new double[m * n];
            dLogits = new double[n];
            dNorm = new double[m];
            wNorm = new double[n];
            loss = new double[m];
            correct = new int[m];
            dY1 = new double[m * Z1S];
            dP1 = new double[m * A1S];
            dZ2 = new double[m * Z2PS];
            dP2 = new double[m * A2S];
            dZ3 = new double[m * Z3PS];
            grad = new double[size];
        }

        double[] sum(Bn bn) {
            return bn == bn1 ? s1 : bn == bn2 ? s2 : s3;
        }

        double[] sumSq(Bn bn) {
            return bn == bn1 ? q1 : bn == bn2 ? q2 : q3;
        }

        void conv1Forward() {
            Arrays.fill(s1, 0);
            Arrays.fill(q1, 0);
            for (int q = 0; q < count; q++) {
                int src = (from + q) * L0;
                int x = q * X0S;
                for (int t = 0; t < L0; t++) {
                    x0[x + 3 + t] = beats[src + t];
                }
                Kernels.convForward(x0, x, 1, L0, params, CONV1_W, params, CONV1_B, 7, C1, z1, q * Z1S);
                stats(z1, q * Z1S, L0, C1, s1, q1);
            }
        }

        void block2Forward() {
            Arrays.fill(s2, 0);
            Arrays.fill(q2, 0);
            for (int q = 0; q < count; q++) {
                bnReluPool(z1, y1, q * Z1S, L0, C1, bn1, BN1_G, BN1_B, p1, q * P1S, 2, a1, q * A1S, L1);
                Kernels.convForward(p1, q * P1S, C1, L1, params, CONV2_W, params, CONV2_B, 5, C2, z2, q * Z2S);
                stats(z2, q * Z2S, L1, C2, s2, q2);
            }
        }

        void block3Forward() {
            Arrays.fill(s3, 0);
            Arrays.fill(q3, 0);
            for (int q = 0; q < count; q++) {
                bnReluPool(z2, y2, q * Z2S, L1, C2, bn2, BN2_G, BN2_B, p2, q * P2S, 1, a2, q * A2S, L2);
                Kernels.convForward(p2, q * P2S, C2, L2, params, CONV3_W, params, CONV3_B, 3, C3, z3, q * Z3S);
                stats(z3, q * Z3S, L2, C3, s3, q3);
            }
        }

        private void stats(double[] z, int off, int len, int c, double[] s, double[] sq) {
            for (int t = 0; t < len; t++) {
                int r = off + t * c;
                for (int ch = 0; ch < c; ch++) {
                    double v = z[r + ch];
                    s[ch] += v;
                    sq[ch] += v * v;
                }
            }
        }

        /** Normalises z in place to xhat, writes y = gamma xhat + beta, then ReLU and pairwise max-pool into p. */
        private void bnReluPool(double[] z, double[] y, int off, int len, int c, Bn bn, int gOff, int bOff,
                                double[] p, int pOff, int pad, byte[] arg, int aOff, int pooled) {
            double[] mean = bn.mean;
            double[] inv = bn.invStd;
            for (int t = 0; t < len; t++) {
                int r = off + t * c;
                for (int ch = 0; ch < c; ch++) {
                    double xh = (z[r + ch] - mean[ch]) * inv[ch];
                    z[r + ch] = xh;
                    y[r + ch] = params[gOff + ch] * xh + params[bOff + ch];
                }
            }
            for (int t = 0; t < pooled; t++) {
                int r0 = off + 2 * t * c;
                int r1 = r0 + c;
                int dst = pOff + (t + pad) * c;
                int a = aOff + t * c;
                for (int ch = 0; ch < c; ch++) {
                    double v0 = y[r0 + ch];
                    double v1 = y[r1 + ch];
                    boolean second = v1 > v0;
                    arg[a + ch] = (byte) (second ? 1 : 0);
                    p[dst + ch] = Math.max(0, second ? v1 : v0);
                }
            }
        }

        void headForwardBackward() {
            if (backward) {
                Arrays.fill(grad, 0);
                Arrays.fill(s3, 0);
                Arrays.fill(q3, 0);
            }
            for (int q = 0; q < count; q++) {
                int b = from + q;
                int zo = q * Z3S;
                // BN3, ReLU, global average pool
                double[] gq = vecC;
                Arrays.fill(gq, 0);
                for (int t = 0; t < L2; t++) {
                    int r = zo + t * C3;
                    for (int ch = 0; ch < C3; ch++) {
                        double xh = (z3[r + ch] - bn3.mean[ch]) * bn3.invStd[ch];
                        z3[r + ch] = xh;
                        double yv = params[BN3_G + ch] * xh + params[BN3_B + ch];
                        y3[r + ch] = yv;
                        gq[ch] += Math.max(0, yv);
                    }
                }
                int go = q * C3;
                for (int ch = 0; ch < C3; ch++) {
                    g[go + ch] = gq[ch] / L2;
                }
                // fc1, ReLU, dropout
                int ho = q * E;
                for (int o = 0; o < E; o++) {
                    double acc = params[FC1_B + o];
                    int wr = FC1_W + o * C3;
                    for (int i = 0; i < C3; i++) {
                        acc += params[wr + i] * g[go + i];
                    }
                    h[ho + o] = acc;
                    double a = Math.max(0, acc);
                    d[ho + o] = dropoutScale == null ? a : a * dropoutScale[b * E + o];
                }
                // fc2, or the cosine head
                int lo = q * n;
                if (marginScale > 0) {
                    cosineHead(q, ho, lo);
                    lossAndGradient(q, b);
                    if (backward) {
                        backwardHead(q, b);
                    }
                    continue;
                }
                for (int k = 0; k < n; k++) {
                    double acc = params[fc2B + k];
                    int wr = FC2_W + k * E;
                    for (int i = 0; i < E; i++) {
                        acc += params[wr + i] * d[ho + i];
                    }
                    logits[lo + k] = acc;
                }
                lossAndGradient(q, b);
                if (backward) {
                    backwardHead(q, b);
                }
            }
        }

        /** Logits {@code s cos(d, W_k)}; norms kept for the backward pass. A zero embedding gives zero logits. */
        private void cosineHead(int q, int ho, int lo) {
            if (q == 0) {
                for (int k = 0; k < n; k++) {
                    double w2 = 0;
                    int wr = FC2_W + k * E;
                    for (int i = 0; i < E; i++) {
                        w2 += params[wr + i] * params[wr + i];
                    }
                    wNorm[k] = Math.sqrt(w2);
                }
            }
            double d2 = 0;
            for (int i = 0; i < E; i++) {
                d2 += d[ho + i] * d[ho + i];
            }
            dNorm[q] = Math.sqrt(d2);
            for (int k = 0; k < n; k++) {
                double acc = 0;
                int wr = FC2_W + k * E;
                for (int i = 0; i < E; i++) {
                    acc += params[wr + i] * d[ho + i];
                }
                double den = dNorm[q] * wNorm[k];
                logits[lo + k] = den > 1e-12 ? marginScale * acc / den : 0;
            }
        }

        /** Softmax cross-entropy with optional label smoothing and class weight; fills loss, correct, dLogits. */
        private void lossAndGradient(int q, int b) {
            int lo = q * n;
            int y = labels == null ? -1 : labels[b];
            double max = Double.NEGATIVE_INFINITY;
            int arg = 0;
            for (int k = 0; k < n; k++) {
                if (logits[lo + k] > max) {
                    max = logits[lo + k];
                    arg = k;
                }
            }
            correct[q] = arg == y ? 1 : 0;
            if (y < 0) {
                loss[q] = 0;
                return;
            }
            // the cosine margin lowers the true class's logit in the loss only (accuracy above uses the plain logits)
            double shift = marginScale > 0 ? marginScale * margin : 0;
            double se = 0;
            for (int k = 0; k < n; k++) {
                se += StrictMath.exp(logits[lo + k] - (k == y ? shift : 0) - max);
            }
            double lse = max + StrictMath.log(se);
            double w = classWeights == null ? 1.0 : classWeights[y];
            double eps = labelSmoothing;
            double l = 0;
            for (int k = 0; k < n; k++) {
                double target = (k == y ? 1 - eps : 0) + eps / n;
                double logp = logits[lo + k] - (k == y ? shift : 0) - lse;
                l -= target * logp;
                dLogits[k] = w / lossWeightSum * (StrictMath.exp(logp) - target);
            }
            loss[q] = w * l;
        }

        private void backwardHead(int q, int b) {
            int ho = q * E;
            int go = q * C3;
            // fc2
            double[] dd = vecE;
            Arrays.fill(dd, 0);
            if (marginScale > 0) {
                cosineHeadBackward(q, ho);
            }
            for (int k = 0; k < n && marginScale == 0; k++) {
                double gk = dLogits[k];
                grad[fc2B + k] += gk;
                int wr = FC2_W + k * E;
                for (int i = 0; i < E; i++) {
                    grad[wr + i] += gk * d[ho + i];
                    dd[i] += gk * params[wr + i];
                }
            }
            // dropout and ReLU
            for (int o = 0; o < E; o++) {
                double v = h[ho + o] > 0 ? dd[o] : 0;
                dd[o] = dropoutScale == null ? v : v * dropoutScale[b * E + o];
            }
            // fc1
            double[] dg = vecC;
            Arrays.fill(dg, 0);
            for (int o = 0; o < E; o++) {
                double gh = dd[o];
                if (gh == 0) {
                    continue;
                }
                grad[FC1_B + o] += gh;
                int wr = FC1_W + o * C3;
                for (int i = 0; i < C3; i++) {
                    grad[wr + i] += gh * g[go + i];
                    dg[i] += gh * params[wr + i];
                }
            }
            // average pool and ReLU, then the partial sums of BN3's backward pass
            int zo = q * Z3S;
            int dOff = q * Z3PS + C3;
            for (int t = 0; t < L2; t++) {
                int r = zo + t * C3;
                int dr = dOff + t * C3;
                for (int ch = 0; ch < C3; ch++) {
                    double dy = y3[r + ch] > 0 ? dg[ch] / L2 : 0;
                    dZ3[dr + ch] = dy;
                    s3[ch] += dy;
                    q3[ch] += dy * z3[r + ch];
                }
            }
        }

        /**
         * Backward of {@code l_k = s cos(d, W_k)}: with unit vectors u = d/|d| and w_k = W_k/|W_k|,
         * {@code dcos/dW_k = (u - cos w_k)/|W_k|} and {@code dcos/dd = (w_k - cos u)/|d|}; into grad and vecE.
         */
        private void cosineHeadBackward(int q, int ho) {
            double dn = dNorm[q];
            int lo = q * n;
            for (int k = 0; k < n; k++) {
                double wn = wNorm[k];
                if (dn * wn <= 1e-12) {
                    continue;
                }
                double gk = dLogits[k] * marginScale;
                double cos = logits[lo + k] / marginScale;
                int wr = FC2_W + k * E;
                for (int i = 0; i < E; i++) {
                    double u = d[ho + i] / dn;
                    double w = params[wr + i] / wn;
                    grad[wr + i] += gk * (u - cos * w) / wn;
                    vecE[i] += gk * (w - cos * u) / dn;
                }
            }
        }

        void block3Backward() {
            Arrays.fill(s2, 0);
            Arrays.fill(q2, 0);
            for (int q = 0; q < count; q++) {
                bnBackward(dZ3, q * Z3PS + C3, z3, q * Z3S, L2, C3, bn3, BN3_G);
            }
            Kernels.convBackwardWeight(p2, 0, P2S, C2, dZ3, C3, Z3PS, C3, L2, count, 3, grad, CONV3_W, grad,
                    CONV3_B);
            for (int q = 0; q < count; q++) {
                Kernels.convForward(dZ3, q * Z3PS, C3, L2, wF3, 0, null, 0, 3, C2, dP2, q * A2S);
                unpool(dP2, q * A2S, a2, q * A2S, L2, y2, q * Z2S, dZ2, q * Z2PS + 2 * C2, L1, C2, s2, q2, z2);
            }
        }

        void block2Backward() {
            Arrays.fill(s1, 0);
            Arrays.fill(q1, 0);
            for (int q = 0; q < count; q++) {
                bnBackward(dZ2, q * Z2PS + 2 * C2, z2, q * Z2S, L1, C2, bn2, BN2_G);
            }
            Kernels.convBackwardWeight(p1, 0, P1S, C1, dZ2, 2 * C2, Z2PS, C2, L1, count, 5, grad, CONV2_W, grad,
                    CONV2_B);
            for (int q = 0; q < count; q++) {
                Kernels.convForward(dZ2, q * Z2PS, C2, L1, wF2, 0, null, 0, 5, C1, dP1, q * A1S);
                unpool(dP1, q * A1S, a1, q * A1S, L1, y1, q * Z1S, dY1, q * Z1S, L0, C1, s1, q1, z1);
            }
        }

        void block1Backward() {
            for (int q = 0; q < count; q++) {
                bnBackward(dY1, q * Z1S, z1, q * Z1S, L0, C1, bn1, BN1_G);
            }
            Kernels.convBackwardWeight(x0, 0, X0S, 1, dY1, 0, Z1S, C1, L0, count, 7, grad, CONV1_W, grad, CONV1_B);
        }

        /** dz = gamma invStd / m * (m dy - sum dy - xhat sum(dy xhat)), in place over dy. */
        private void bnBackward(double[] dy, int dyOff, double[] xhat, int xOff, int len, int c, Bn bn, int gOff) {
            double m = bn.count;
            for (int t = 0; t < len; t++) {
                int r = dyOff + t * c;
                int x = xOff + t * c;
                for (int ch = 0; ch < c; ch++) {
                    double k = params[gOff + ch] * bn.invStd[ch] / m;
                    dy[r + ch] = k * (m * dy[r + ch] - bn.sumDy[ch] - xhat[x + ch] * bn.sumDyXhat[ch]);
                }
            }
        }

        /**
         * Routes the pooled gradient {@code dP} back to the winning pre-pool position through the ReLU (into
         * {@code dY} at {@code dyOff}; y and xhat at {@code yOff}), and accumulates the partial sums for the
         * BatchNorm before it.
         */
        private void unpool(double[] dP, int pOff, byte[] arg, int aOff, int pooled, double[] y, int yOff,
                            double[] dY, int dyOff, int len, int c, double[] s, double[] sq, double[] xhat) {
            Arrays.fill(dY, dyOff, dyOff + len * c, 0);
            for (int t = 0; t < pooled; t++) {
                int src = pOff + t * c;
                int a = aOff + t * c;
                for (int ch = 0; ch < c; ch++) {
                    int row = (2 * t + arg[a + ch]) * c + ch;
                    if (y[yOff + row] > 0) {
                        dY[dyOff + row] = dP[src + ch];
                    }
                }
            }
            for (int t = 0; t < len; t++) {
                int r = dyOff + t * c;
                int x = yOff + t * c;
                for (int ch = 0; ch < c; ch++) {
                    double v = dY[r + ch];
                    s[ch] += v;
                    sq[ch] += v * xhat[x + ch];
                }
            }
        }
    }
}
