package io.github.ecgid.model.nn;

/**
 * Which convolution kernels the pure-Java engine ({@link LightweightCnn}, {@link CnnTrainer}) uses in this JVM.
 *
 * <p>The SIMD kernels need the JDK's incubator Vector API, which a JVM only resolves when started with {@code
 * --add-modules jdk.incubator.vector}; without it the scalar kernels run (same results up to rounding, several
 * times slower). {@code -Decgid.simd=false} forces the scalar kernels. The choice is made once per JVM.
 *
 * <pre>{@code
 * java --add-modules jdk.incubator.vector -jar app.jar   // SimdSupport.active() == true
 * }</pre>
 */
public final class SimdSupport {
    private SimdSupport() {
    }

    /** Whether the SIMD ({@code jdk.incubator.vector}) kernels are in use. */
    public static boolean active() {
        return Simd.ENABLED;
    }

    /** One line naming the kernels in use and, for the scalar ones, why (e.g. how to enable SIMD). */
    public static String description() {
        return Simd.DESCRIPTION;
    }

    /**
     * Float lanes of the JVM's preferred vector species (e.g. 8 for 256-bit AVX2, 16 for AVX-512), or 0 when the
     * incubator module is not resolved, fails to load, or {@code -Decgid.simd=false} or a missing C2 compiler
     * ruled it out before it was probed. Non-zero with {@link #active()} false means the vector shape or the
     * self-check ruled the SIMD kernels out.
     */
    public static int floatLanes() {
        return Simd.FLOAT_LANES;
    }
}
