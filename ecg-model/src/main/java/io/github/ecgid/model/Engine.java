package io.github.ecgid.model;

import java.util.Locale;

/**
 * Which inference engine runs a model: the pure-Java network or ONNX Runtime, or {@link #AUTO} (the default),
 * which picks the faster of the two for this JVM. Both read the same {@code .onnx} file and agree to within 1e-4
 * on logits and embeddings.
 */
public enum Engine {
    /**
     * The pure-Java network when this JVM runs its SIMD kernels ({@code --add-modules jdk.incubator.vector}),
     * else ONNX Runtime (several times faster than the scalar kernels), else, when ONNX Runtime cannot load on
     * this platform, the pure-Java network on scalar kernels. {@link BeatClassifier#engine()} says which runs.
     */
    AUTO("auto"),
    /** The network evaluated in pure Java: no native code, works wherever the JVM does. */
    PURE_JAVA("pure-java"),
    /** Microsoft ONNX Runtime through its Java binding (native library bundled for common platforms). */
    ONNX_RUNTIME("onnx-runtime");

    private final String cliName;

    Engine(String cliName) {
        this.cliName = cliName;
    }

    /** The engines that run a model themselves: every constant but {@link #AUTO}. */
    public static java.util.List<Engine> concrete() {
        return java.util.List.of(PURE_JAVA, ONNX_RUNTIME);
    }

    /** The lower-case, hyphenated name used on the command line and in JSON output ({@code pure-java}). */
    public String cliName() {
        return cliName;
    }

    /**
     * Parses {@code auto}/{@code pure-java}/{@code onnx-runtime} (or the constant names, case-insensitively).
     *
     * @throws IllegalArgumentException naming the accepted values if {@code name} is none of them
     */
    public static Engine parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Engine e : values()) {
            if (e.cliName.equals(n)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown engine '" + name + "'; expected auto, pure-java or onnx-runtime");
    }
}
