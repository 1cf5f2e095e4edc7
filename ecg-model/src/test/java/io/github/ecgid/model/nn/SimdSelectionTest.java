package io.github.ecgid.model.nn;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs in both surefire executions of this module: with {@code --add-modules jdk.incubator.vector} (vector kernels)
 * and without it (the plain {@code java -jar} case, scalar kernels).
 */
class SimdSelectionTest {

    @Test
    void usesTheVectorKernelsExactlyWhenTheIncubatorModuleIsPresentAndNotDisabled() {
        assertThat(Simd.optimizingJit()).isTrue(); // surefire's forked JVMs run with C2
        boolean modulePresent = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        boolean disabled = "false".equalsIgnoreCase(System.getProperty(Simd.PROPERTY, "true"));
        assertThat(Simd.ENABLED).isEqualTo(modulePresent && !disabled && Simd.optimizingJit());
        assertThat(SimdSupport.active()).isEqualTo(Simd.ENABLED);
        assertThat(SimdSupport.description()).startsWith(Simd.ENABLED ? "jdk.incubator.vector" : "scalar");
    }
}
