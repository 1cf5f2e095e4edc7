package io.github.ecgid.signal.filter;

import io.github.ecgid.core.EcgSignalException;

/**
 * Digital Butterworth filters designed in code: analog prototype poles, pre-warped bilinear transform and
 * second-order sections, matching scipy's {@code butter(order, Wn, btype, fs=fs, output='sos')}.
 *
 * <pre>{@code
 * Sos qrs = Butterworth.bandPass(2, 360.0, 5.0, 15.0);  // Pan-Tompkins band
 * double[] y = qrs.zeroPhase(ecgMv);
 * }</pre>
 *
 * <p>A band-pass of order N has 2N poles (N sections), as in scipy. Orders 1 to {@value #MAX_ORDER}.
 */
public final class Butterworth {
    /** Highest order accepted; beyond it double precision sections stop being trustworthy at low cutoffs. */
    public static final int MAX_ORDER = 12;

    private Butterworth() {
    }

    /** Low-pass with -3 dB at {@code cutoffHz}. */
    public static Sos lowPass(int order, double samplingRateHz, double cutoffHz) {
        checkOrder(order);
        SamplingRates.requireSupported(samplingRateHz);
        checkEdge(samplingRateHz, cutoffHz, "cutoff");
        double wo = warp(cutoffHz, samplingRateHz);
        return design(Zpk.butterworthPrototype(order).lowPassToLowPass(wo), samplingRateHz);
    }

    /** High-pass with -3 dB at {@code cutoffHz}. */
    public static Sos highPass(int order, double samplingRateHz, double cutoffHz) {
        checkOrder(order);
        SamplingRates.requireSupported(samplingRateHz);
        checkEdge(samplingRateHz, cutoffHz, "cutoff");
        double wo = warp(cutoffHz, samplingRateHz);
        return design(Zpk.butterworthPrototype(order).lowPassToHighPass(wo), samplingRateHz);
    }

    /** Band-pass with -3 dB at {@code lowHz} and {@code highHz}; order N gives 2N poles. */
    public static Sos bandPass(int order, double samplingRateHz, double lowHz, double highHz) {
        checkOrder(order);
        SamplingRates.requireSupported(samplingRateHz);
        checkEdge(samplingRateHz, lowHz, "low edge");
        checkEdge(samplingRateHz, highHz, "high edge");
        if (!(lowHz < highHz)) {
            throw new EcgSignalException("Band-pass needs low edge < high edge, got " + lowHz + " Hz and "
                    + highHz + " Hz");
        }
        double w1 = warp(lowHz, samplingRateHz);
        double w2 = warp(highHz, samplingRateHz);
        return design(Zpk.butterworthPrototype(order).lowPassToBandPass(Math.sqrt(w1 * w2), w2 - w1),
                samplingRateHz);
    }

    /** Pre-warped analog frequency for the bilinear transform at scipy's normalised fs = 2. */
    private static double warp(double hz, double samplingRateHz) {
        double wn = 2 * hz / samplingRateHz;
        return 2 * 2.0 * Math.tan(Math.PI * wn / 2.0);
    }

    private static Sos design(Zpk analog, double samplingRateHz) {
        return Sos.of(samplingRateHz, analog.bilinear(2.0).toSos());
    }

    private static void checkOrder(int order) {
        if (order < 1 || order > MAX_ORDER) {
            throw new EcgSignalException("Butterworth order must be 1 to " + MAX_ORDER + ", got " + order);
        }
    }

    static void checkEdge(double samplingRateHz, double hz, String what) {
        if (!(hz > 0 && hz < samplingRateHz / 2)) {
            throw new EcgSignalException("Filter " + what + " " + hz + " Hz must be between 0 and the Nyquist "
                    + "frequency " + samplingRateHz / 2 + " Hz (exclusive) at " + samplingRateHz + " Hz");
        }
    }
}
