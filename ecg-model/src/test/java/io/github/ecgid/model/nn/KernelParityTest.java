package io.github.ecgid.model.nn;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The vector kernels against the scalar ones, called directly, on the network's own layer shapes and on channel
 * counts that leave 1-vector blocks and scalar remainders. They sum the same products in the same order and differ
 * only by fused-multiply-add rounding.
 */
class KernelParityTest {

    @BeforeAll
    static void needsTheIncubatorModule() {
        assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                "run with --add-modules jdk.incubator.vector (this module's surefire default execution does)");
    }

    /** {cin, k, positions, cout}: conv1, conv2, conv3, the two input-gradient convolutions, odd shapes. */
    private static final int[][] SHAPES = {
        {1, 7, 174, 32}, {32, 5, 86, 64}, {64, 3, 43, 128}, {128, 3, 43, 64}, {64, 5, 87, 32},
        {3, 2, 5, 84}, {5, 3, 1, 44}, {2, 1, 7, 12}, {7, 3, 9, 4},
    };

    private static double[] gaussian(int n, SplittableRandom rnd) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = Gaussian.next(rnd);
        }
        return v;
    }

    private static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    private static double maxAbsDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    @Test
    void floatConvolutionMatchesTheScalarKernelWithin1e5() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int[] s : SHAPES) {
            int cin = s[0];
            int k = s[1];
            int positions = s[2];
            int cout = s[3];
            float[] in = toFloat(gaussian((positions + k) * cin, rnd));
            float[] w = toFloat(gaussian(k * cin * cout, rnd));
            float[] b = toFloat(gaussian(cout, rnd));
            float[] vec = new float[positions * cout];
            float[] sca = new float[positions * cout];
            VectorKernels.conv(in, cin, positions, w, b, k, cout, vec);
            FastForward.convScalar(in, cin, positions, w, b, k, cout, sca);
            for (int i = 0; i < vec.length; i++) {
                // sums of k * cin unit-variance products: scale the tolerance by their typical size
                assertThat((double) vec[i]).as("shape %s, output %d", java.util.Arrays.toString(s), i)
                        .isCloseTo(sca[i], org.assertj.core.data.Offset.offset(1e-5 * Math.sqrt(k * cin)));
            }
        }
    }

    @Test
    void doubleConvolutionMatchesTheScalarKernelWithin1e12AtOffsetsAndWithoutBias() {
        SplittableRandom rnd = new SplittableRandom(12);
        for (int[] s : SHAPES) {
            int cin = s[0];
            int k = s[1];
            int positions = s[2];
            int cout = s[3];
            int inOff = 5;
            int wOff = 3;
            int outOff = 7;
            double[] in = gaussian(inOff + (positions + k) * cin, rnd);
            double[] w = gaussian(wOff + k * cin * cout, rnd);
            double[] b = gaussian(2 + cout, rnd);
            for (double[] bias : new double[][] {b, null}) {
                double[] vec = new double[outOff + positions * cout];
                double[] sca = new double[outOff + positions * cout];
                VectorKernels.convForward(in, inOff, cin, positions, w, wOff, bias, 2, k, cout, vec, outOff);
                Kernels.convForwardScalar(in, inOff, cin, positions, w, wOff, bias, 2, k, cout, sca, outOff);
                assertThat(maxAbsDiff(vec, sca)).as(java.util.Arrays.toString(s)).isLessThanOrEqualTo(1e-12);
                assertThat(vec[outOff]).isNotZero();
            }
        }
    }

    @Test
    void weightGradientOverSeveralSamplesMatchesTheScalarKernelWithin1e12() {
        SplittableRandom rnd = new SplittableRandom(13);
        for (int[] s : SHAPES) {
            int cin = s[0];
            int k = s[1];
            int positions = s[2];
            int cout = s[3];
            int samples = 3;
            int inStride = (positions + k) * cin + 2;
            int dStride = positions * cout + 1;
            double[] in = gaussian(1 + samples * inStride, rnd);
            double[] dOut = gaussian(4 + samples * dStride, rnd);
            double[] start = gaussian(k * cin * cout, rnd); // kernels accumulate into what is there
            double[] dwV = start.clone();
            double[] dwS = start.clone();
            double[] dbV = new double[cout + 1];
            double[] dbS = new double[cout + 1];
            VectorKernels.convBackwardWeight(in, 1, inStride, cin, dOut, 4, dStride, cout, positions, samples, k, dwV,
                    0, dbV, 1);
            Kernels.convBackwardWeightScalar(in, 1, inStride, cin, dOut, 4, dStride, cout, positions, samples, k, dwS,
                    0, dbS, 1);
            assertThat(maxAbsDiff(dwV, dwS)).as(java.util.Arrays.toString(s)).isLessThanOrEqualTo(1e-12);
            assertThat(maxAbsDiff(dwV, start)).isGreaterThan(0.1);
            assertThat(dbV).containsExactly(dbS);
        }
    }
}
