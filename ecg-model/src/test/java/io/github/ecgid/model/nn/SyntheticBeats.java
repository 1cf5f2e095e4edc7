package io.github.ecgid.model.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A separable toy problem: each class is a sum of three Gaussian bumps with class-specific positions, widths and
 * signs (a crude P-QRS-T), randomly jittered in time and amplitude, with white noise, z-scored like real beats.
 */
final class SyntheticBeats {
    private SyntheticBeats() {
    }

    static TrainingSet make(int classes, int perClass, double noise, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] centers = new double[classes][3];
        double[][] widths = new double[classes][3];
        double[][] amps = new double[classes][3];
        SplittableRandom shape = new SplittableRandom(1234);
        for (int c = 0; c < classes; c++) {
            centers[c] = new double[] {30 + shape.nextDouble(30), 87 + shape.nextDouble(-6, 6), 120 + shape.nextDouble(40)};
            widths[c] = new double[] {4 + shape.nextDouble(8), 2 + shape.nextDouble(4), 6 + shape.nextDouble(14)};
            amps[c] = new double[] {shape.nextDouble(-0.4, 0.4), 1 + shape.nextDouble(), shape.nextDouble(-0.6, 0.6)};
        }
        int total = classes * perClass;
        float[][] beats = new float[total][];
        int[] labels = new int[total];
        for (int i = 0; i < total; i++) {
            int c = i % classes;
            double shift = rnd.nextDouble(-3, 3);
            double gain = rnd.nextDouble(0.8, 1.2);
            double[] x = new double[LightweightCnn.BEAT_LENGTH];
            for (int t = 0; t < x.length; t++) {
                double v = 0;
                for (int k = 0; k < 3; k++) {
                    double d = (t - centers[c][k] - shift) / widths[c][k];
                    v += gain * amps[c][k] * Math.exp(-0.5 * d * d);
                }
                x[t] = v + noise * Gaussian.next(rnd);
            }
            beats[i] = zScore(x);
            labels[i] = c;
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add("class" + c);
        }
        return TrainingSet.of(beats, labels, names);
    }

    static float[] zScore(double[] x) {
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double var = 0;
        for (double v : x) {
            var += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(var / x.length) + 1e-8;
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) ((x[i] - mean) / sd);
        }
        return f;
    }
}
