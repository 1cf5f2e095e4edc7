package io.github.ecgid.hrv.mfcc;

import io.github.ecgid.core.EcgSignalException;
import java.util.Objects;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Mel-frequency cepstral coefficients of an ECG beat or window, with the origin system's parameters as defaults:
 * 250 Hz, 13 coefficients, 26 mel bands on the HTK mel scale between 0.5 and 40 Hz, 256-point FFT, hop 64,
 * periodic Hamming window, power spectrum, natural log (floor 1e-10), orthonormal DCT-II.
 *
 * <p>Frames are {@code nFft} samples long and start every {@code hop} samples with no centring; a signal shorter
 * than {@code nFft} (a 175-sample beat) becomes one frame zero-padded at the end. Filters are librosa's
 * {@code mel(htk=True)} triangles with Slaney area normalisation. Immutable and thread-safe.
 *
 * <pre>{@code
 * MfccResult r = Mfcc.defaults().compute(beat);
 * double[] features = r.statistics();   // mean, std, min, max of each coefficient: 52 values
 * }</pre>
 */
public final class Mfcc {

    private final double samplingRateHz;
    private final int coefficients;
    private final int melBands;
    private final int nFft;
    private final int hop;
    private final double minHz;
    private final double maxHz;
    private final double[] window;
    private final double[][] filters;

    private Mfcc(Builder b) {
        if (!(b.samplingRateHz > 0) || Double.isInfinite(b.samplingRateHz)) {
            throw new IllegalArgumentException("Sampling rate must be positive, got " + b.samplingRateHz + " Hz");
        }
        if (b.nFft < 2 || Integer.bitCount(b.nFft) != 1) {
            throw new IllegalArgumentException("nFft must be a power of two >= 2, got " + b.nFft);
        }
        if (b.hop < 1) {
            throw new IllegalArgumentException("hop must be >= 1, got " + b.hop);
        }
        if (b.melBands < 1 || b.coefficients < 1 || b.coefficients > b.melBands) {
            throw new IllegalArgumentException("Need 1 <= coefficients (" + b.coefficients + ") <= melBands ("
                    + b.melBands + ")");
        }
        if (!(b.minHz >= 0) || !(b.maxHz > b.minHz) || b.maxHz > b.samplingRateHz / 2) {
            throw new IllegalArgumentException("Need 0 <= minHz < maxHz <= Nyquist (" + b.samplingRateHz / 2
                    + " Hz), got " + b.minHz + "–" + b.maxHz + " Hz");
        }
        samplingRateHz = b.samplingRateHz;
        coefficients = b.coefficients;
        melBands = b.melBands;
        nFft = b.nFft;
        hop = b.hop;
        minHz = b.minHz;
        maxHz = b.maxHz;
        window = new double[nFft];
        for (int k = 0; k < nFft; k++) {
            window[k] = 0.54 - 0.46 * Math.cos(2 * Math.PI * k / nFft);
        }
        filters = melFilterbank();
    }

    /** The origin's parameters (see the class comment). */
    public static Mfcc defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    static double hzToMel(double hz) {
        return 2595.0 * Math.log10(1.0 + hz / 700.0);
    }

    static double melToHz(double mel) {
        return 700.0 * (Math.pow(10.0, mel / 2595.0) - 1.0);
    }

    private double[][] melFilterbank() {
        int bins = nFft / 2 + 1;
        double[] hz = new double[melBands + 2];
        double mLo = hzToMel(minHz);
        double mHi = hzToMel(maxHz);
        for (int i = 0; i < hz.length; i++) {
            hz[i] = melToHz(mLo + (mHi - mLo) * i / (melBands + 1));
        }
        double[][] w = new double[melBands][bins];
        for (int m = 0; m < melBands; m++) {
            double norm = 2.0 / (hz[m + 2] - hz[m]);
            for (int k = 0; k < bins; k++) {
                double f = k * samplingRateHz / nFft;
                double lower = (f - hz[m]) / (hz[m + 1] - hz[m]);
                double upper = (hz[m + 2] - f) / (hz[m + 2] - hz[m + 1]);
                w[m][k] = Math.max(0, Math.min(lower, upper)) * norm;
            }
        }
        return w;
    }

    /**
     * The coefficients of every frame of {@code signal} (any unit, e.g. mV).
     *
     * @throws EcgSignalException if the signal is empty or holds NaN or infinite values
     */
    public MfccResult compute(double[] signal) {
        Objects.requireNonNull(signal, "signal");
        if (signal.length == 0) {
            throw new EcgSignalException("MFCC needs at least one sample, got an empty signal");
        }
        for (int i = 0; i < signal.length; i++) {
            if (!Double.isFinite(signal[i])) {
                throw new EcgSignalException("MFCC input sample " + i + " is " + signal[i]);
            }
        }
        int frames = signal.length < nFft ? 1 : (signal.length - nFft) / hop + 1;
        double[][] out = new double[frames][];
        DoubleFFT_1D fft = new DoubleFFT_1D(nFft);
        double[] buf = new double[nFft];
        double[] power = new double[nFft / 2 + 1];
        double[] mel = new double[melBands];
        for (int f = 0; f < frames; f++) {
            java.util.Arrays.fill(buf, 0);
            int off = f * hop;
            int len = Math.min(nFft, signal.length - off);
            for (int k = 0; k < len; k++) {
                buf[k] = signal[off + k] * window[k];
            }
            fft.realForward(buf);
            power[0] = buf[0] * buf[0];
            power[nFft / 2] = buf[1] * buf[1];
            for (int k = 1; k < nFft / 2; k++) {
                power[k] = buf[2 * k] * buf[2 * k] + buf[2 * k + 1] * buf[2 * k + 1];
            }
            for (int m = 0; m < melBands; m++) {
                double e = 0;
                double[] w = filters[m];
                for (int k = 0; k < power.length; k++) {
                    e += w[k] * power[k];
                }
                mel[m] = Math.log(Math.max(e, 1e-10));
            }
            out[f] = dctOrtho(mel, coefficients);
        }
        return new MfccResult(out);
    }

    /** First {@code keep} coefficients of the orthonormal DCT-II of {@code x}. */
    static double[] dctOrtho(double[] x, int keep) {
        int n = x.length;
        double[] c = new double[keep];
        for (int k = 0; k < keep; k++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += x[i] * Math.cos(Math.PI * k * (2 * i + 1) / (2.0 * n));
            }
            c[k] = s * Math.sqrt((k == 0 ? 1.0 : 2.0) / n);
        }
        return c;
    }

    public double samplingRateHz() {
        return samplingRateHz;
    }

    public int coefficients() {
        return coefficients;
    }

    /** Options for {@link Mfcc}; defaults are the origin's. */
    public static final class Builder {
        private double samplingRateHz = 250;
        private int coefficients = 13;
        private int melBands = 26;
        private int nFft = 256;
        private int hop = 64;
        private double minHz = 0.5;
        private double maxHz = 40;

        private Builder() {
        }

        /** Sampling rate of the input, Hz; default 250. */
        public Builder samplingRateHz(double hz) {
            this.samplingRateHz = hz;
            return this;
        }

        /** Cepstral coefficients kept; default 13. */
        public Builder coefficients(int n) {
            this.coefficients = n;
            return this;
        }

        /** Mel bands; default 26. */
        public Builder melBands(int n) {
            this.melBands = n;
            return this;
        }

        /** Frame and FFT length in samples, a power of two; default 256. */
        public Builder nFft(int n) {
            this.nFft = n;
            return this;
        }

        /** Frame step in samples; default 64. */
        public Builder hop(int samples) {
            this.hop = samples;
            return this;
        }

        /** Mel range in Hz; default 0.5–40. */
        public Builder frequencyRangeHz(double minHz, double maxHz) {
            this.minHz = minHz;
            this.maxHz = maxHz;
            return this;
        }

        public Mfcc build() {
            return new Mfcc(this);
        }
    }
}
