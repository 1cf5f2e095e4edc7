package io.github.ecgid.core.io;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * One signal line of a WFDB header ({@code .hea}), with the defaults of PhysioNet's {@code header(5)}
 * already applied.
 *
 * <p>A sample's physical value is {@code (adc - baseline) / adcGain} in {@link #units()}.
 *
 * @param fileName      data file name relative to the header's directory, e.g. {@code "100.dat"}
 * @param format        storage format code: 212, 16, 61 or 80 are readable
 * @param byteOffset    bytes to skip at the start of the data file (the {@code +offset} suffix; 0 when absent)
 * @param adcGain       ADC units per physical unit; 200 when the header gives none or 0 (uncalibrated)
 * @param baseline      ADC value of physical zero; the ADC zero when the header gives none
 * @param units         physical units, {@code "mV"} when the header gives none
 * @param adcResolution ADC resolution in bits (0 when absent)
 * @param adcZero       ADC value at the centre of the ADC range (0 when absent)
 * @param initialValue  the first sample's ADC value, when the header gives it
 * @param checksum      16-bit sum of all samples, when the header gives it
 * @param blockSize     block size in bytes (0 for ordinary files)
 * @param description   signal description, used as the lead name, e.g. {@code "MLII"}; may be empty
 */
public record WfdbSignal(String fileName, int format, long byteOffset, double adcGain, int baseline, String units,
                         int adcResolution, int adcZero, OptionalInt initialValue, OptionalInt checksum,
                         int blockSize, String description) {

    /** ADC gain assumed when the header has none or 0, as in WFDB's {@code DEFGAIN}. */
    public static final double DEFAULT_GAIN = 200.0;

    public WfdbSignal {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(units, "units");
        Objects.requireNonNull(initialValue, "initialValue");
        Objects.requireNonNull(checksum, "checksum");
        description = description == null ? "" : description;
    }

    /**
     * Factor that turns this signal's physical units into mV, or NaN when the units are not a voltage
     * (e.g. {@code mmHg}).
     */
    public double toMillivolts() {
        return switch (units) {
            case "mV", "mv", "MV" -> 1.0;
            case "uV", "uv", "µV", "μV" -> 1e-3;
            case "nV" -> 1e-6;
            case "V" -> 1e3;
            default -> Double.NaN;
        };
    }
}
