package io.github.ecgid.core.io;

/**
 * How to interpret (and write) the origin system's ADS1292R logger CSV: sampling rate, PGA gain, reference
 * voltage and how the 24-bit ADC codes are stored.
 *
 * <p>Conversion: {@code mV = (adc - mean(adc)) * 2 * vrefVolts * 1000 / (gain * 2^24)}; with the defaults
 * one ADC count is about 48 nV.
 *
 * <pre>{@code
 * SeedCsvOptions opts = SeedCsvOptions.builder().samplingRateHz(500).gain(12).build();
 * EcgRecord rec = SeedCsvReader.read(Path.of("session.csv"), opts);
 * }</pre>
 *
 * @param samplingRateHz     samples per second (the CSV's whole-second timestamps cannot tell); default 250
 * @param gain               ADS1292R programmable gain; default 6
 * @param vrefVolts          ADC reference voltage in volts; default 2.42
 * @param unsignedAdc        {@code true} when the logger wrote raw unsigned 24-bit words (0..16777215) that
 *                           need two's-complement decoding; {@code false} (default) for signed values
 *                           (-8388608..8388607)
 * @param includeRespiration also return Channel 2 (respiration, same conversion) as lead {@code "RESP"}
 * @param checkTimestampRate fail when the timestamps show a rate more than 25 % away from
 *                           {@code samplingRateHz} (needs 3 whole seconds); default true
 * @param startEpochSecond   first timestamp the writer puts out (Unix seconds); default 0
 */
public record SeedCsvOptions(double samplingRateHz, double gain, double vrefVolts, boolean unsignedAdc,
                             boolean includeRespiration, boolean checkTimestampRate, long startEpochSecond) {

    /** Smallest signed 24-bit ADC code. */
    public static final int ADC_MIN = -(1 << 23);
    /** Largest signed 24-bit ADC code. */
    public static final int ADC_MAX = (1 << 23) - 1;

    private static final SeedCsvOptions DEFAULTS = builder().build();

    public SeedCsvOptions {
        if (!(samplingRateHz > 0) || Double.isInfinite(samplingRateHz)) {
            throw new IllegalArgumentException("samplingRateHz must be positive and finite, got " + samplingRateHz);
        }
        if (!(gain > 0) || Double.isInfinite(gain)) {
            throw new IllegalArgumentException("gain must be positive and finite, got " + gain);
        }
        if (!(vrefVolts > 0) || Double.isInfinite(vrefVolts)) {
            throw new IllegalArgumentException("vrefVolts must be positive and finite, got " + vrefVolts);
        }
    }

    /** 250 Hz, gain 6, Vref 2.42 V, signed ADC codes, ECG only, rate check on. */
    public static SeedCsvOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Millivolts per ADC count: {@code 2 * vrefVolts * 1000 / (gain * 2^24)}. */
    public double millivoltsPerCount() {
        return 2.0 * vrefVolts * 1000.0 / (gain * (double) (1 << 24));
    }

    /** The same options at another sampling rate. */
    public SeedCsvOptions withSamplingRateHz(double hz) {
        return new SeedCsvOptions(hz, gain, vrefVolts, unsignedAdc, includeRespiration, checkTimestampRate,
                startEpochSecond);
    }

    /** Builder for {@link SeedCsvOptions}; unset values keep the defaults. */
    public static final class Builder {
        private double samplingRateHz = 250.0;
        private double gain = 6.0;
        private double vrefVolts = 2.42;
        private boolean unsignedAdc;
        private boolean includeRespiration;
        private boolean checkTimestampRate = true;
        private long startEpochSecond;

        private Builder() {
        }

        public Builder samplingRateHz(double hz) {
            this.samplingRateHz = hz;
            return this;
        }

        public Builder gain(double gain) {
            this.gain = gain;
            return this;
        }

        public Builder vrefVolts(double volts) {
            this.vrefVolts = volts;
            return this;
        }

        /** Values are raw unsigned 24-bit words to decode as two's complement. */
        public Builder unsignedAdc(boolean unsigned) {
            this.unsignedAdc = unsigned;
            return this;
        }

        public Builder includeRespiration(boolean include) {
            this.includeRespiration = include;
            return this;
        }

        public Builder checkTimestampRate(boolean check) {
            this.checkTimestampRate = check;
            return this;
        }

        public Builder startEpochSecond(long second) {
            this.startEpochSecond = second;
            return this;
        }

        public SeedCsvOptions build() {
            return new SeedCsvOptions(samplingRateHz, gain, vrefVolts, unsignedAdc, includeRespiration,
                    checkTimestampRate, startEpochSecond);
        }
    }
}
