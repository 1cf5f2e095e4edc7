package io.github.ecgid.model.nn;

import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses, once per JVM, between the SIMD convolution kernels ({@link VectorKernels}, on {@code
 * jdk.incubator.vector}) and the scalar ones in {@link Kernels} and {@link FastForward}.
 *
 * <p>The incubator module is only there when the JVM was started with {@code --add-modules
 * jdk.incubator.vector}; without it (a plain {@code java -jar}) the library still works on the scalar kernels.
 * The system property {@code ecgid.simd=false} forces the scalar kernels even when the module is present. The
 * vector kernels are also skipped without the C2 compiler (they are only fast once C2 intrinsifies them), and must
 * agree with the scalar ones on a small convolution before they are used.
 */
final class Simd {
    /** System property that disables the vector kernels when set to {@code false}. */
    static final String PROPERTY = "ecgid.simd";

    private static final Logger LOG = LoggerFactory.getLogger(Simd.class);

    /** Whether the vector kernels are in use. */
    static final boolean ENABLED;
    /** One line saying which kernels are in use and why. */
    static final String DESCRIPTION;
    /** Float lanes of the preferred vector species, 0 when {@code jdk.incubator.vector} is not usable. */
    static final int FLOAT_LANES;

    static {
        String[] why = new String[1];
        int[] lanes = new int[1];
        ENABLED = detect(why, lanes);
        DESCRIPTION = why[0];
        FLOAT_LANES = lanes[0];
        LOG.debug("pure-Java CNN kernels: {}", DESCRIPTION);
    }

    private Simd() {
    }

    private static boolean detect(String[] why, int[] floatLanes) {
        String prop;
        try {
            prop = System.getProperty(PROPERTY);
        } catch (SecurityException e) {
            prop = null;
        }
        if (prop != null && prop.trim().equalsIgnoreCase("false")) {
            why[0] = "scalar (-D" + PROPERTY + "=false)";
            return false;
        }
        if (!optimizingJit()) {
            // without C2 every vector operation runs as allocating Java code: ~10x slower than the scalar kernels
            why[0] = "scalar (the vector kernels need HotSpot's C2 compiler; this VM runs "
                    + vmInfo() + ")";
            return false;
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            why[0] = "scalar (start the JVM with --add-modules jdk.incubator.vector for the SIMD kernels)";
            return false;
        }
        try {
            int fl = VectorKernels.floatLanes();
            int dl = VectorKernels.doubleLanes();
            floatLanes[0] = fl;
            if (fl < 4 || dl < 2) {
                why[0] = "scalar (the preferred vector shape has only " + fl + " float lanes)";
                return false;
            }
            if (!agrees()) {
                why[0] = "scalar (the vector kernels disagreed with the scalar ones on a self-check)";
                return false;
            }
            why[0] = "jdk.incubator.vector, " + fl + " float / " + dl + " double lanes";
            return true;
        } catch (LinkageError | RuntimeException e) {
            why[0] = "scalar (jdk.incubator.vector failed to load: " + e + ")";
            return false;
        }
    }

    /**
     * False under {@code -Xint} and when C2 is switched off ({@code -XX:TieredStopAtLevel=1..3} shows as
     * "emulated-client" in {@code java.vm.info}).
     */
    static boolean optimizingJit() {
        String info = vmInfo();
        return !info.contains("interpreted mode") && !info.contains("emulated-client");
    }

    private static String vmInfo() {
        try {
            return System.getProperty("java.vm.info", "");
        } catch (SecurityException e) {
            return "";
        }
    }

    /**
     * Runs both double kernels and the float kernel on a small problem whose channel count exercises every block
     * shape (4 vectors, 1 vector, scalar remainder), on dyadic values so that every sum is exact and both paths
     * must agree bit for bit.
     */
    private static boolean agrees() {
        return agreesDouble(roundUp4(5 * VectorKernels.doubleLanes() + 4))
                && agreesFloat(roundUp4(5 * VectorKernels.floatLanes() + 4));
    }

    private static int roundUp4(int x) {
        return (x + 3) & ~3;
    }

    private static final int CIN = 3;
    private static final int K = 2;
    private static final int POSITIONS = 6;

    private static double[] dyadic(int len, int mul, int mod, double scale) {
        double[] v = new double[len];
        for (int i = 0; i < len; i++) {
            v[i] = ((i * mul) % mod - mod / 2) / scale;
        }
        return v;
    }

    private static boolean agreesDouble(int cout) {
        int depth = K * CIN;
        double[] in = dyadic((POSITIONS + K) * CIN, 37, 11, 8);
        double[] w = dyadic(depth * cout, 53, 13, 16);
        double[] b = dyadic(cout, 7, 9, 4);
        double[] outV = new double[POSITIONS * cout];
        double[] outS = new double[POSITIONS * cout];
        VectorKernels.convForward(in, 0, CIN, POSITIONS, w, 0, b, 0, K, cout, outV, 0);
        Kernels.convForwardScalar(in, 0, CIN, POSITIONS, w, 0, b, 0, K, cout, outS, 0);
        if (!Arrays.equals(outV, outS)) {
            return false;
        }
        double[] dwV = new double[depth * cout];
        double[] dwS = new double[depth * cout];
        double[] dbV = new double[cout];
        double[] dbS = new double[cout];
        VectorKernels.convBackwardWeight(in, 0, 0, CIN, outV, 0, 0, cout, POSITIONS, 1, K, dwV, 0, dbV, 0);
        Kernels.convBackwardWeightScalar(in, 0, 0, CIN, outS, 0, 0, cout, POSITIONS, 1, K, dwS, 0, dbS, 0);
        return Arrays.equals(dwV, dwS) && Arrays.equals(dbV, dbS);
    }

    private static boolean agreesFloat(int cout) {
        float[] in = toFloat(dyadic((POSITIONS + K) * CIN, 37, 11, 8));
        float[] w = toFloat(dyadic(K * CIN * cout, 53, 13, 16));
        float[] b = toFloat(dyadic(cout, 7, 9, 4));
        float[] outV = new float[POSITIONS * cout];
        float[] outS = new float[POSITIONS * cout];
        VectorKernels.conv(in, CIN, POSITIONS, w, b, K, cout, outV);
        FastForward.convScalar(in, CIN, POSITIONS, w, b, K, cout, outS);
        return Arrays.equals(outV, outS);
    }

    private static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}
