package io.github.ecgid.hrv;

import java.util.List;

/**
 * The five HRV frequency bands in Hz, each {@code [low, high)}.
 *
 * <pre>{@code
 * FrequencyBands b = FrequencyBands.neurokit2();           // the default
 * FrequencyBands t = FrequencyBands.taskForce1996();       // ULF < 0.003, VLF 0.003–0.04
 * }</pre>
 */
public record FrequencyBands(Band ulf, Band vlf, Band lf, Band hf, Band vhf) {

    /** A band {@code [lowHz, highHz)}. */
    public record Band(double lowHz, double highHz) {
        public Band {
            if (!(lowHz >= 0) || !(highHz > lowHz) || Double.isInfinite(highHz)) {
                throw new IllegalArgumentException("A band needs 0 <= low < high, got [" + lowHz + ", " + highHz + ")");
            }
        }
    }

    public FrequencyBands {
        java.util.Objects.requireNonNull(ulf, "ulf");
        java.util.Objects.requireNonNull(vlf, "vlf");
        java.util.Objects.requireNonNull(lf, "lf");
        java.util.Objects.requireNonNull(hf, "hf");
        java.util.Objects.requireNonNull(vhf, "vhf");
    }

    /** NeuroKit2's defaults: ULF 0–0.0033, VLF 0.0033–0.04, LF 0.04–0.15, HF 0.15–0.4, VHF 0.4–0.5 Hz. */
    public static FrequencyBands neurokit2() {
        return new FrequencyBands(new Band(0, 0.0033), new Band(0.0033, 0.04), new Band(0.04, 0.15),
                new Band(0.15, 0.4), new Band(0.4, 0.5));
    }

    /** The 1996 Task Force bands: ULF 0–0.003, VLF 0.003–0.04, LF 0.04–0.15, HF 0.15–0.4, VHF 0.4–0.5 Hz. */
    public static FrequencyBands taskForce1996() {
        return new FrequencyBands(new Band(0, 0.003), new Band(0.003, 0.04), new Band(0.04, 0.15),
                new Band(0.15, 0.4), new Band(0.4, 0.5));
    }

    /** The bands in order ULF, VLF, LF, HF, VHF. */
    public List<Band> asList() {
        return List.of(ulf, vlf, lf, hf, vhf);
    }

    /** The highest band edge, in Hz. */
    public double maxHz() {
        return asList().stream().mapToDouble(Band::highHz).max().orElseThrow();
    }
}
