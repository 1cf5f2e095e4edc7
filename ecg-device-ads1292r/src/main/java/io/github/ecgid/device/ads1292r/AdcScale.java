package io.github.ecgid.device.ads1292r;

/**
 * ADS1292R code to millivolt conversion, the origin system's formula without the mean:
 * {@code mV = code * 2 * vrefVolts * 1000 / (gain * 2^24)}. The origin subtracts the record mean before scaling;
 * a live stream has no record mean, so the DC offset is left in and removed by the signal chain's DC/high-pass step
 * (an offset does not change any feature). {@link #ORIGIN} holds the origin's gain 6 and Vref 2.42 V
 * (about 0.048 µV per count).
 *
 * @param gain      PGA gain of the channel (1, 2, 3, 4, 6, 8 or 12 on the ADS1292R)
 * @param vrefVolts reference voltage in volts (2.42 or 4.033 on the ADS1292R)
 */
public record AdcScale(double gain, double vrefVolts) {
    /** Smallest 24-bit two's-complement code. */
    public static final int MIN_CODE = -(1 << 23);
    /** Largest 24-bit two's-complement code. */
    public static final int MAX_CODE = (1 << 23) - 1;
    /** The origin system's constants: gain 6, Vref 2.42 V. */
    public static final AdcScale ORIGIN = new AdcScale(6, 2.42);

    public AdcScale {
        if (!(gain > 0) || !Double.isFinite(gain)) {
            throw new IllegalArgumentException("gain must be a positive number, got " + gain);
        }
        if (!(vrefVolts > 0) || !Double.isFinite(vrefVolts)) {
            throw new IllegalArgumentException("vrefVolts must be a positive number, got " + vrefVolts);
        }
    }

    /** Millivolts per ADC count. */
    public double mvPerCount() {
        return 2 * vrefVolts * 1000 / (gain * (1 << 24));
    }

    /** Converts a code to mV. */
    public double toMv(int code) {
        return code * mvPerCount();
    }

    /** Converts mV to the nearest code, clipped to the 24-bit range (a real ADC saturates the same way). */
    public int toCode(double mv) {
        long c = Math.round(mv / mvPerCount());
        return (int) Math.max(MIN_CODE, Math.min(MAX_CODE, c));
    }
}
