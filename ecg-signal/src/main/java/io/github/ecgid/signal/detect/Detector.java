package io.github.ecgid.signal.detect;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The R-peak detectors ecgid has, as a type: the API takes one of these, the name ({@link #label()}) is what model
 * files, JSON and the command line write.
 *
 * <pre>{@code
 * RPeaks peaks = Detector.PAN_TOMPKINS.create().detect(cleanMv, 360.0);
 * Detector d = Detector.of("hamilton");
 * }</pre>
 */
public enum Detector {
    /** Pan &amp; Tompkins (1985), the origin's detector and the default. */
    PAN_TOMPKINS(PanTompkins.NAME),
    /** Hamilton &amp; Tompkins (1986) as in OSEA. */
    HAMILTON(Hamilton.NAME),
    /** Pan-Tompkins with look-ahead, a noise-time shape check and an early-beat rule ({@link RobustQrs}). */
    ROBUST(RobustQrs.NAME);

    private final String label;

    Detector(String label) {
        this.label = label;
    }

    /** The name written in files and on the command line, e.g. {@code "pan-tompkins"}. */
    public String label() {
        return label;
    }

    /** A new detector with its published default parameters. */
    public RPeakDetector create() {
        return switch (this) {
            case PAN_TOMPKINS -> PanTompkins.create();
            case HAMILTON -> Hamilton.create();
            case ROBUST -> RobustQrs.create();
        };
    }

    /** Every label, in declaration order. */
    public static List<String> labels() {
        return Arrays.stream(values()).map(Detector::label).toList();
    }

    /**
     * The detector of a label (case-insensitive; {@code pantompkins} and {@code pan_tompkins} too).
     *
     * @throws IllegalArgumentException naming the known detectors, if the name is unknown
     */
    public static Detector of(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        if (n.equals("pantompkins")) {
            return PAN_TOMPKINS;
        }
        for (Detector d : values()) {
            if (d.label.equals(n)) {
                return d;
            }
        }
        throw new IllegalArgumentException("Unknown R-peak detector '" + name + "'; known: " + labels());
    }

    @Override
    public String toString() {
        return label;
    }
}
