package io.github.ecgid.signal.wavelet;

import io.github.ecgid.core.EcgSignalException;
import java.util.Set;
import java.util.TreeSet;

/**
 * An orthogonal wavelet's four filters, with the coefficients PyWavelets uses: Daubechies {@code db1} to
 * {@code db10} and Symlets {@code sym2} to {@code sym10}.
 *
 * <pre>{@code
 * Wavelet db6 = Wavelet.of("db6");   // the seed system's denoising wavelet
 * int taps = db6.filterLength();     // 12
 * }</pre>
 */
public final class Wavelet {
    private final String name;
    private final double[] decLo;
    private final double[] decHi;
    private final double[] recLo;
    private final double[] recHi;

    private Wavelet(String name, double[] decLo) {
        int f = decLo.length;
        this.name = name;
        this.decLo = decLo.clone();
        this.recLo = new double[f];
        this.decHi = new double[f];
        this.recHi = new double[f];
        for (int i = 0; i < f; i++) {
            recLo[i] = decLo[f - 1 - i];
            // Quadrature mirror: dec_hi[i] = (-1)^(i+1) * dec_lo[F-1-i], exact sign flips as in pywt.
            decHi[i] = (i % 2 == 0 ? -1 : 1) * decLo[f - 1 - i];
        }
        for (int i = 0; i < f; i++) {
            recHi[i] = decHi[f - 1 - i];
        }
    }

    /**
     * The wavelet of that pywt name, e.g. {@code "db4"}, {@code "db6"}, {@code "sym8"}.
     *
     * @throws EcgSignalException naming the available wavelets for an unknown name
     */
    public static Wavelet of(String name) {
        double[] lo = name == null ? null : WaveletFilters.DEC_LO.get(name.toLowerCase(java.util.Locale.ROOT));
        if (lo == null) {
            throw new EcgSignalException("Unknown wavelet '" + name + "'; available: " + available());
        }
        return new Wavelet(name.toLowerCase(java.util.Locale.ROOT), lo);
    }

    /** Names accepted by {@link #of(String)}. */
    public static Set<String> available() {
        return new TreeSet<>(WaveletFilters.DEC_LO.keySet());
    }

    /** The pywt name, e.g. {@code "db6"}. */
    public String name() {
        return name;
    }

    /** Number of taps of each filter (2 x vanishing moments). */
    public int filterLength() {
        return decLo.length;
    }

    /** Decomposition low-pass filter (copy). */
    public double[] decLo() {
        return decLo.clone();
    }

    /** Decomposition high-pass filter (copy). */
    public double[] decHi() {
        return decHi.clone();
    }

    /** Reconstruction low-pass filter (copy). */
    public double[] recLo() {
        return recLo.clone();
    }

    /** Reconstruction high-pass filter (copy). */
    public double[] recHi() {
        return recHi.clone();
    }

    double[] decLoRef() {
        return decLo;
    }

    double[] decHiRef() {
        return decHi;
    }

    double[] recLoRef() {
        return recLo;
    }

    double[] recHiRef() {
        return recHi;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Wavelet w && w.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
