package io.github.ecgid.signal.detect;

import java.util.List;
import java.util.Locale;

/**
 * The R-peak detectors by name.
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
        return List.of(PanTompkins.NAME, Hamilton.NAME, RobustQrs.NAME);
    }

    /**
     * The detector of that name with its published default parameters (case-insensitive).
     *
     * @throws IllegalArgumentException naming the known detectors, if the name is unknown
     */
    public static RPeakDetector byName(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        switch (n) {
            case PanTompkins.NAME:
            case "pantompkins":
            case "pan_tompkins":
                return PanTompkins.create();
            case Hamilton.NAME:
                return Hamilton.create();
            case RobustQrs.NAME:
                return RobustQrs.create();
            default:
                throw new IllegalArgumentException("Unknown R-peak detector '" + name + "'; known: " + names());
        }
    }
}
