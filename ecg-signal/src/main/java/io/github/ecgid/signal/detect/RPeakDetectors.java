package io.github.ecgid.signal.detect;

import java.util.List;

/**
 * The R-peak detectors by name, for names read from files and command lines; code uses {@link Detector}.
 *
 * <pre>{@code
 * RPeakDetector det = RPeakDetectors.byName("pan-tompkins"); // or "hamilton", "robust"
 * }</pre>
 */
public final class RPeakDetectors {
    private RPeakDetectors() {
    }

    /** Names {@link #byName} accepts. */
    public static List<String> names() {
        return Detector.labels();
    }

    /**
     * The detector of that name with its published default parameters (case-insensitive).
     *
     * @throws IllegalArgumentException naming the known detectors, if the name is unknown
     */
    public static RPeakDetector byName(String name) {
        return Detector.of(name).create();
    }
}
