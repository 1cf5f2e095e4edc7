package io.github.ecgid.signal.wavelet;

import java.util.Objects;

/**
 * A multilevel wavelet decomposition as pywt's {@code wavedec} returns it: the level-L approximation and the
 * details from the coarsest (level L) to the finest (level 1). Arrays are copied in and out.
 *
 * @param wavelet       the wavelet used
 * @param mode          the boundary mode used
 * @param signalLength  length of the decomposed signal (reconstruction is trimmed to it)
 * @param approximation approximation coefficients cA_L
 * @param details       {@code details[0]} = cD_L (coarsest) ... {@code details[L-1]} = cD_1 (finest)
 */
public record WaveletCoefficients(Wavelet wavelet, BoundaryMode mode, int signalLength, double[] approximation,
                                  double[][] details) {

    public WaveletCoefficients {
        Objects.requireNonNull(wavelet, "wavelet");
        Objects.requireNonNull(mode, "mode");
        approximation = approximation.clone();
        double[][] d = new double[details.length][];
        for (int i = 0; i < d.length; i++) {
            d[i] = details[i].clone();
        }
        details = d;
    }

    /** Number of detail levels L. */
    public int levels() {
        return details.length;
    }

    @Override
    public double[] approximation() {
        return approximation.clone();
    }

    @Override
    public double[][] details() {
        double[][] d = new double[details.length][];
        for (int i = 0; i < d.length; i++) {
            d[i] = details[i].clone();
        }
        return d;
    }

    /** Detail coefficients of one level: 1 is the finest (highest frequencies), {@link #levels()} the coarsest. */
    public double[] detail(int level) {
        if (level < 1 || level > details.length) {
            throw new IllegalArgumentException("level must be 1.." + details.length + ", got " + level);
        }
        return details[details.length - level].clone();
    }

    double[] approximationRef() {
        return approximation;
    }

    double[][] detailsRef() {
        return details;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WaveletCoefficients c && c.wavelet.equals(wavelet) && c.mode == mode
                && c.signalLength == signalLength && java.util.Arrays.equals(c.approximation, approximation)
                && java.util.Arrays.deepEquals(c.details, details);
    }

    @Override
    public int hashCode() {
        return Objects.hash(wavelet, mode, signalLength, java.util.Arrays.hashCode(approximation),
                java.util.Arrays.deepHashCode(details));
    }

    @Override
    public String toString() {
        return "WaveletCoefficients[" + wavelet + ", " + mode + ", " + levels() + " levels, signal "
                + signalLength + " samples]";
    }
}
