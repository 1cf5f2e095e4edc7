package io.github.ecgid.model.nn;

/**
 * The eval-mode forward pass written as plainly as possible, in double precision, straight from
 * {@link CnnWeights}. It is the yardstick the fast float path is tested against; not tuned for speed.
 */
final class ReferenceForward {
    private ReferenceForward() {
    }

    /**
     * Runs one beat; writes N logits and the 64-d embedding (fc1 output after ReLU).
     */
    static void forward(CnnWeights w, float[] beat, double[] logits, double[] embedding) {
        double[][] x = new double[1][beat.length];
        for (int i = 0; i < beat.length; i++) {
            x[0][i] = beat[i];
        }
        x = maxPool(relu(bn(conv(x, w.conv1()), w.bn1())));
        x = maxPool(relu(bn(conv(x, w.conv2()), w.bn2())));
        x = relu(bn(conv(x, w.conv3()), w.bn3()));
        double[] pooled = new double[x.length];
        for (int c = 0; c < x.length; c++) {
            double s = 0;
            for (double v : x[c]) {
                s += v;
            }
            pooled[c] = s / x[c].length;
        }
        double[] h = dense(pooled, w.fc1());
        for (int i = 0; i < h.length; i++) {
            h[i] = Math.max(0, h[i]);
        }
        System.arraycopy(h, 0, embedding, 0, h.length);
        double[] out = dense(h, w.fc2());
        System.arraycopy(out, 0, logits, 0, out.length);
    }

    static double[][] conv(double[][] x, Conv1dParams p) {
        int len = x[0].length;
        int k = p.kernelSize();
        int pad = p.padding();
        float[] wt = p.weightView();
        float[] b = p.biasView();
        double[][] y = new double[p.outChannels()][len];
        for (int o = 0; o < p.outChannels(); o++) {
            for (int t = 0; t < len; t++) {
                double s = b[o];
                for (int i = 0; i < p.inChannels(); i++) {
                    for (int j = 0; j < k; j++) {
                        int src = t + j - pad;
                        if (src >= 0 && src < len) {
                            s += wt[(o * p.inChannels() + i) * k + j] * x[i][src];
                        }
                    }
                }
                y[o][t] = s;
            }
        }
        return y;
    }

    static double[][] bn(double[][] x, BatchNormParams p) {
        for (int c = 0; c < x.length; c++) {
            double scale = p.scale(c);
            double shift = p.shift(c);
            for (int t = 0; t < x[c].length; t++) {
                x[c][t] = x[c][t] * scale + shift;
            }
        }
        return x;
    }

    static double[][] relu(double[][] x) {
        for (double[] row : x) {
            for (int t = 0; t < row.length; t++) {
                row[t] = Math.max(0, row[t]);
            }
        }
        return x;
    }

    static double[][] maxPool(double[][] x) {
        double[][] y = new double[x.length][x[0].length / 2];
        for (int c = 0; c < x.length; c++) {
            for (int t = 0; t < y[c].length; t++) {
                y[c][t] = Math.max(x[c][2 * t], x[c][2 * t + 1]);
            }
        }
        return y;
    }

    static double[] dense(double[] x, DenseParams p) {
        float[] wt = p.weightView();
        float[] b = p.biasView();
        double[] y = new double[p.outFeatures()];
        for (int o = 0; o < y.length; o++) {
            double s = b[o];
            for (int i = 0; i < p.inFeatures(); i++) {
                s += wt[o * p.inFeatures() + i] * x[i];
            }
            y[o] = s;
        }
        return y;
    }
}
