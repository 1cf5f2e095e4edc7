package io.github.ecgid.signal.filter;

import io.github.ecgid.core.EcgSignalException;

/**
 * Second-order IIR notch for mains interference, equal to scipy's {@code iirnotch(f0, Q, fs)}: one section
 * with zeros on the unit circle at {@code f0} and -3 dB bandwidth {@code f0 / Q}.
 *
 * <pre>{@code
 * Sos mains = Notch.of(250.0, 50.0, 30.0);
 * double[] y = mains.zeroPhase(ecgMv);
 * }</pre>
 */
public final class Notch {
    /** The quality factor the seed system used. */
    public static final double DEFAULT_Q = 30.0;

    private Notch() {
    }

    /**
     * A notch at {@code frequencyHz} (typically 50 or 60) with quality factor {@code q}.
     *
     * @throws EcgSignalException when the rate is unsupported, the frequency is not below Nyquist, or {@code q <= 0}
     */
    public static Sos of(double samplingRateHz, double frequencyHz, double q) {
        SamplingRates.requireSupported(samplingRateHz);
        Butterworth.checkEdge(samplingRateHz, frequencyHz, "notch frequency");
        if (!(q > 0) || Double.isInfinite(q)) {
            throw new EcgSignalException("Notch quality factor must be positive and finite, got " + q);
        }
        double w0 = 2 * frequencyHz / samplingRateHz;
        double bw = w0 / q * Math.PI;
        w0 = w0 * Math.PI;
        double gb = 1 / Math.sqrt(2);
        double beta = (Math.sqrt(1.0 - gb * gb) / gb) * Math.tan(bw / 2.0);
        double gain = 1.0 / (1.0 + beta);
        double c = Math.cos(w0);
        return Sos.of(samplingRateHz, new double[][] {
            {gain, gain * (-2.0 * c), gain, 1.0, -2.0 * gain * c, 2.0 * gain - 1.0}});
    }

    /** A notch with the seed's quality factor {@value #DEFAULT_Q}. */
    public static Sos of(double samplingRateHz, double frequencyHz) {
        return of(samplingRateHz, frequencyHz, DEFAULT_Q);
    }
}
