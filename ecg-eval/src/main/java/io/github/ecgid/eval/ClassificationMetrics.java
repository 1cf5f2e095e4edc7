package io.github.ecgid.eval;

import java.util.Arrays;

/**
 * Closed-set classification metrics as the origin system reported them: accuracy, support-weighted
 * precision, recall and F1, mean per-class specificity, and the confusion matrix. All rates are fractions
 * in [0, 1].
 *
 * <pre>{@code
 * ClassificationMetrics m = ClassificationMetrics.of(truth, predicted, 6);
 * System.out.printf("accuracy %.4f, F1 %.4f%n", m.accuracy(), m.f1());
 * }</pre>
 *
 * @param accuracy    correct / total
 * @param precision   per-class precision weighted by class support (scikit-learn's {@code average='weighted'})
 * @param recall      per-class recall weighted by class support
 * @param f1          per-class F1 weighted by class support
 * @param specificity mean over classes of TN / (TN + FP)
 * @param confusion   {@code confusion[true][predicted]} counts
 */
public record ClassificationMetrics(double accuracy, double precision, double recall, double f1,
                                    double specificity, int[][] confusion) {

    public ClassificationMetrics {
        confusion = deepCopy(confusion);
    }

    /** Computes the metrics from true and predicted class indices in {@code 0..classCount-1}. */
    public static ClassificationMetrics of(int[] truth, int[] predicted, int classCount) {
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException("truth has " + truth.length + " labels, predicted has "
                    + predicted.length);
        }
        int[][] cm = new int[classCount][classCount];
        for (int i = 0; i < truth.length; i++) {
            check(truth[i], classCount, "truth", i);
            check(predicted[i], classCount, "predicted", i);
            cm[truth[i]][predicted[i]]++;
        }
        return fromConfusion(cm);
    }

    /** Computes the metrics from a square confusion matrix {@code [true][predicted]}. */
    public static ClassificationMetrics fromConfusion(int[][] cm) {
        int k = cm.length;
        long total = 0;
        long correct = 0;
        long[] rowSum = new long[k];
        long[] colSum = new long[k];
        for (int t = 0; t < k; t++) {
            if (cm[t].length != k) {
                throw new IllegalArgumentException("confusion matrix must be square, row " + t + " has "
                        + cm[t].length + " columns, expected " + k);
            }
            for (int p = 0; p < k; p++) {
                total += cm[t][p];
                rowSum[t] += cm[t][p];
                colSum[p] += cm[t][p];
            }
            correct += cm[t][t];
        }
        if (total == 0) {
            return new ClassificationMetrics(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, cm);
        }
        double wp = 0;
        double wr = 0;
        double wf = 0;
        double specSum = 0;
        int specCount = 0;
        for (int c = 0; c < k; c++) {
            long tp = cm[c][c];
            long fp = colSum[c] - tp;
            long fn = rowSum[c] - tp;
            long tn = total - tp - fp - fn;
            double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
            double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            double weight = (double) rowSum[c] / total;
            wp += weight * precision;
            wr += weight * recall;
            wf += weight * f1;
            if (tn + fp > 0) {
                specSum += (double) tn / (tn + fp);
                specCount++;
            }
        }
        return new ClassificationMetrics((double) correct / total, wp, wr, wf,
                specCount == 0 ? Double.NaN : specSum / specCount, cm);
    }

    /** Total number of classified items. */
    public long total() {
        long n = 0;
        for (int[] row : confusion) {
            for (int v : row) {
                n += v;
            }
        }
        return n;
    }

    @Override
    public int[][] confusion() {
        return deepCopy(confusion);
    }

    private static void check(int label, int classCount, String what, int index) {
        if (label < 0 || label >= classCount) {
            throw new IllegalArgumentException(what + "[" + index + "] = " + label + " outside 0.." + (classCount - 1));
        }
    }

    private static int[][] deepCopy(int[][] m) {
        int[][] c = new int[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClassificationMetrics m && Double.compare(m.accuracy, accuracy) == 0
                && Double.compare(m.precision, precision) == 0 && Double.compare(m.recall, recall) == 0
                && Double.compare(m.f1, f1) == 0 && Double.compare(m.specificity, specificity) == 0
                && Arrays.deepEquals(m.confusion, confusion);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(confusion) * 31 + Double.hashCode(accuracy);
    }

    @Override
    public String toString() {
        return String.format("accuracy %.4f, precision %.4f, recall %.4f, F1 %.4f, specificity %.4f over %d",
                accuracy, precision, recall, f1, specificity, total());
    }
}
