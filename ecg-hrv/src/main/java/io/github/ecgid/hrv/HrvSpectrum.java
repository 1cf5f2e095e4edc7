package io.github.ecgid.hrv;

import java.util.Arrays;

/**
 * The one-sided power spectral density of an NN series that the frequency-domain indices integrate, for plots
 * and cross-checks ({@link HrvAnalyzer#spectrum}).
 *
 * @param frequencyHz   frequencies in Hz, ascending (copied in and out)
 * @param powerMs2PerHz density in ms²/Hz at each frequency (copied in and out)
 * @param method        Welch or Lomb–Scargle
 * @param bands         the band edges the indices use
 */
public record HrvSpectrum(double[] frequencyHz, double[] powerMs2PerHz, PsdMethod method, FrequencyBands bands) {

    public HrvSpectrum {
        if (frequencyHz.length != powerMs2PerHz.length) {
            throw new IllegalArgumentException(frequencyHz.length + " frequencies but " + powerMs2PerHz.length
                    + " power values");
        }
        frequencyHz = frequencyHz.clone();
        powerMs2PerHz = powerMs2PerHz.clone();
    }

    @Override
    public double[] frequencyHz() {
        return frequencyHz.clone();
    }

    @Override
    public double[] powerMs2PerHz() {
        return powerMs2PerHz.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HrvSpectrum s && Arrays.equals(s.frequencyHz, frequencyHz)
                && Arrays.equals(s.powerMs2PerHz, powerMs2PerHz) && s.method == method && s.bands.equals(bands);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(frequencyHz) * 31 + Arrays.hashCode(powerMs2PerHz);
    }

    @Override
    public String toString() {
        return "HrvSpectrum[" + method + ", " + frequencyHz.length + " points]";
    }
}
