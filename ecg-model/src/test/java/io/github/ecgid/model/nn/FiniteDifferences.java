package io.github.ecgid.model.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

/** The finite-difference gradient check shared by the loss heads' gradient tests. */
final class FiniteDifferences {
    private static final double H = 1e-6;

    private FiniteDifferences() {
    }

    /**
     * Compares the analytic gradient of {@code net.params[from, to)} with central differences (step 1e-6, double
     * precision) at the largest-gradient parameter and up to 7 seeded random ones; relative error ≤ 1e-4.
     *
     * @return the largest |analytic gradient| in the range
     */
    static double assertGradientMatches(TrainingNet net, float[] beats, int[] labels, int batch, float[] dropout,
                                        String tensor, int from, int to) {
        double[] analytic = new double[net.size];
        double[] scratch = new double[net.size];
        net.trainStep(beats, labels, batch, dropout, analytic);
        SplittableRandom rnd = new SplittableRandom(tensor.hashCode());
        int largest = from;
        for (int i = from; i < to; i++) {
            if (Math.abs(analytic[i]) > Math.abs(analytic[largest])) {
                largest = i;
            }
        }
        int checks = Math.min(8, to - from);
        for (int c = 0; c < checks; c++) {
            int i = c == 0 ? largest : from + rnd.nextInt(to - from);
            double keep = net.params[i];
            net.params[i] = keep + H;
            double up = net.trainStep(beats, labels, batch, dropout, scratch);
            net.params[i] = keep - H;
            double down = net.trainStep(beats, labels, batch, dropout, scratch);
            net.params[i] = keep;
            double numeric = (up - down) / (2 * H);
            double scale = Math.max(1e-5, Math.max(Math.abs(numeric), Math.abs(analytic[i])));
            assertThat(Math.abs(numeric - analytic[i]) / scale)
                    .as("%s[%d]: analytic %s, numeric %s", tensor, i - from, analytic[i], numeric)
                    .isLessThanOrEqualTo(1e-4);
        }
        return Math.abs(analytic[largest]);
    }
}
