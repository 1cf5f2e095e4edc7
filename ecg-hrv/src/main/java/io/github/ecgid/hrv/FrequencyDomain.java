package io.github.ecgid.hrv;

import java.util.List;
import org.jtransforms.fft.DoubleFFT_1D;

/** Band powers from a Welch or Lomb–Scargle PSD of the RR series; absolute ms², no spectrum normalisation. */
final class FrequencyDomain {

    /** Resampling rate of the RR series before Welch, Hz. */
    static final double RESAMPLE_HZ = 4.0;
    /** Lomb–Scargle frequency grid oversampling: spacing 1 / (4 · duration). */
    static final int LOMB_OVERSAMPLING = 4;

    private FrequencyDomain() {
    }

    /** A one-sided PSD: frequencies in Hz, density in ms²/Hz. */
    record Psd(double[] frequencyHz, double[] powerMs2PerHz) {
    }

    static HrvFrequency compute(RrSeries series, FrequencyBands bands, PsdMethod method) {
        Psd psd = method == PsdMethod.WELCH ? welch(series, bands) : lombScargle(series, bands.maxHz());
        List<FrequencyBands.Band> list = bands.asList();
        double[] p = new double[5];
        double tp = 0;
        for (int i = 0; i < 5; i++) {
            p[i] = bandPower(psd, list.get(i));
            if (!Double.isNaN(p[i])) {
                tp += p[i];
            }
        }
        double lf = p[2];
        double hf = p[3];
        return new HrvFrequency(p[0], p[1], lf, hf, p[4], tp, lf / hf, lf / tp, hf / tp, Math.log(hf), method);
    }

    /** Trapezoidal integral over the PSD points with {@code low <= f < high}; NaN when it is zero (too short). */
    static double bandPower(Psd psd, FrequencyBands.Band band) {
        double[] f = psd.frequencyHz();
        double[] p = psd.powerMs2PerHz();
        double sum = 0;
        int prev = -1;
        for (int i = 0; i < f.length; i++) {
            if (f[i] >= band.lowHz() && f[i] < band.highHz()) {
                if (prev >= 0) {
                    sum += 0.5 * (p[i] + p[prev]) * (f[i] - f[prev]);
                }
                prev = i;
            }
        }
        return sum == 0.0 ? Double.NaN : sum;
    }

    /**
     * Welch PSD of the 4 Hz natural-cubic-spline resampling, with NeuroKit2's segment rule: two cycles of the
     * lowest band edge (0 taken as 0.001 Hz) whose segment fits in half the series; frequencies below that edge
     * are dropped.
     */
    static Psd welch(RrSeries series, FrequencyBands bands) {
        double[] x = resample(series, RESAMPLE_HZ);
        int n = x.length;
        double mean = Stats.mean(x);
        for (int i = 0; i < n; i++) {
            x[i] -= mean;
        }
        double minFrequency = 0;
        for (FrequencyBands.Band b : bands.asList()) {
            minFrequency = b.lowHz() == 0 ? 0.001 : b.lowHz();
            int windowLength = (int) ((2 / minFrequency) * RESAMPLE_HZ);
            if (windowLength <= n / 2.0) {
                break;
            }
        }
        int nperseg = (int) ((2 / minFrequency) * RESAMPLE_HZ);
        if (nperseg > n / 2.0) {
            nperseg = n / 2;
        }
        if (nperseg < 2) {
            return new Psd(new double[0], new double[0]);
        }
        int nfft = 2 * nperseg;
        int noverlap = nperseg / 2;
        int step = nperseg - noverlap;
        int segments = (n - noverlap) / step;
        double[] window = new double[nperseg];
        double wss = 0;
        for (int k = 0; k < nperseg; k++) {
            window[k] = 0.5 - 0.5 * Math.cos(2 * Math.PI * k / nperseg);
            wss += window[k] * window[k];
        }
        double scale = 1.0 / (RESAMPLE_HZ * wss);
        int bins = nfft / 2 + 1;
        double[] acc = new double[bins];
        double[] buf = new double[nfft];
        DoubleFFT_1D fft = new DoubleFFT_1D(nfft);
        for (int s = 0; s < segments; s++) {
            java.util.Arrays.fill(buf, 0);
            int off = s * step;
            for (int k = 0; k < nperseg; k++) {
                buf[k] = x[off + k] * window[k];
            }
            fft.realForward(buf);
            acc[0] += buf[0] * buf[0];
            acc[bins - 1] += buf[1] * buf[1];
            for (int k = 1; k < bins - 1; k++) {
                double re = buf[2 * k];
                double im = buf[2 * k + 1];
                acc[k] += re * re + im * im;
            }
        }
        double maxFrequency = bands.maxHz();
        int count = 0;
        double[] freq = new double[bins];
        double[] pow = new double[bins];
        for (int k = 0; k < bins; k++) {
            double f = k * RESAMPLE_HZ / nfft;
            if (f < minFrequency || f > maxFrequency) {
                continue;
            }
            double onesided = (k == 0 || k == bins - 1) ? 1 : 2;
            freq[count] = f;
            pow[count] = acc[k] * scale * onesided / segments;
            count++;
        }
        return new Psd(java.util.Arrays.copyOf(freq, count), java.util.Arrays.copyOf(pow, count));
    }

    /** The RR series sampled at {@code rateHz} from its first to its last beat by a natural cubic spline. */
    static double[] resample(RrSeries series, double rateHz) {
        double[] ms = series.timesView();
        double[] y = series.intervalsView();
        int n = ms.length;
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = ms[i] / 1000.0;
        }
        int samples = (int) Math.floor((t[n - 1] - t[0]) * rateHz) + 1;
        double[] out = new double[samples];
        NaturalCubicSpline spline = new NaturalCubicSpline(t, y);
        for (int k = 0; k < samples; k++) {
            out[k] = spline.value(t[0] + k / rateHz);
        }
        return out;
    }

    /**
     * Lomb–Scargle PSD of the raw series (mean removed) at {@code k / (4 T)} Hz from 1/T up to {@code maxHz}; the
     * unnormalised periodogram P (scipy.signal.lombscargle) scaled by 2T/N to a one-sided density in ms²/Hz, so
     * that a sine of amplitude A integrates to A²/2.
     */
    static Psd lombScargle(RrSeries series, double maxHz) {
        double[] ms = series.timesView();
        double[] rr = series.intervalsView();
        int n = rr.length;
        double[] t = new double[n];
        double[] y = new double[n];
        double mean = Stats.mean(rr);
        for (int i = 0; i < n; i++) {
            t[i] = ms[i] / 1000.0;
            y[i] = rr[i] - mean;
        }
        double duration = t[n - 1] - t[0];
        double df = 1.0 / (duration * LOMB_OVERSAMPLING);
        int first = LOMB_OVERSAMPLING - 1; // nothing below one cycle per recording: f >= 1 / T
        int count = Math.max(0, (int) Math.floor(maxHz / df) - first);
        double[] freq = new double[count];
        double[] pow = new double[count];
        double scale = 2.0 * duration / n;
        // cos/sin of ω·t advance from one frequency to the next by a rotation (no trig in the inner loop),
        // re-seeded exactly every RESEED frequencies so rounding cannot accumulate
        final int reseed = 64;
        double[] c = new double[n];
        double[] s = new double[n];
        double[] dc = new double[n];
        double[] ds = new double[n];
        for (int j = 0; j < n; j++) {
            dc[j] = Math.cos(2 * Math.PI * df * t[j]);
            ds[j] = Math.sin(2 * Math.PI * df * t[j]);
        }
        for (int k = 0; k < count; k++) {
            double f = (k + 1 + first) * df;
            double w = 2 * Math.PI * f;
            if (k % reseed == 0) {
                for (int j = 0; j < n; j++) {
                    c[j] = Math.cos(w * t[j]);
                    s[j] = Math.sin(w * t[j]);
                }
            } else {
                for (int j = 0; j < n; j++) {
                    double cj = c[j];
                    c[j] = cj * dc[j] - s[j] * ds[j];
                    s[j] = s[j] * dc[j] + cj * ds[j];
                }
            }
            double xc = 0;
            double xs = 0;
            double cc = 0;
            double ss = 0;
            double cs = 0;
            for (int j = 0; j < n; j++) {
                double cj = c[j];
                double sj = s[j];
                xc += y[j] * cj;
                xs += y[j] * sj;
                cc += cj * cj;
                ss += sj * sj;
                cs += cj * sj;
            }
            double tau = Math.atan2(2 * cs, cc - ss) / (2 * w);
            double ct = Math.cos(w * tau);
            double st = Math.sin(w * tau);
            double ct2 = ct * ct;
            double st2 = st * st;
            double cst = 2 * ct * st;
            double a = ct * xc + st * xs;
            double b = ct * xs - st * xc;
            double p = 0.5 * (a * a / (ct2 * cc + cst * cs + st2 * ss) + b * b / (ct2 * ss - cst * cs + st2 * cc));
            freq[k] = f;
            pow[k] = p * scale;
        }
        return new Psd(freq, pow);
    }

    /** Natural cubic spline (second derivative zero at both ends), evaluated with a moving interval pointer. */
    static final class NaturalCubicSpline {
        private final double[] x;
        private final double[] y;
        private final double[] m;
        private int seg;

        NaturalCubicSpline(double[] x, double[] y) {
            this.x = x;
            this.y = y;
            int n = x.length;
            m = new double[n];
            if (n < 3) {
                return;
            }
            // Thomas algorithm on the interior second derivatives
            double[] c = new double[n];
            double[] d = new double[n];
            for (int i = 1; i < n - 1; i++) {
                double h0 = x[i] - x[i - 1];
                double h1 = x[i + 1] - x[i];
                double a = h0;
                double b = 2 * (h0 + h1);
                double cc = h1;
                double r = 6 * ((y[i + 1] - y[i]) / h1 - (y[i] - y[i - 1]) / h0);
                if (i > 1) {
                    double denom = b - a * c[i - 1];
                    c[i] = cc / denom;
                    d[i] = (r - a * d[i - 1]) / denom;
                } else {
                    c[i] = cc / b;
                    d[i] = r / b;
                }
            }
            m[n - 2] = d[n - 2];
            for (int i = n - 3; i >= 1; i--) {
                m[i] = d[i] - c[i] * m[i + 1];
            }
        }

        double value(double t) {
            int n = x.length;
            if (n == 1) {
                return y[0];
            }
            while (seg < n - 2 && t > x[seg + 1]) {
                seg++;
            }
            while (seg > 0 && t < x[seg]) {
                seg--;
            }
            int i = seg;
            double h = x[i + 1] - x[i];
            double a = (x[i + 1] - t) / h;
            double b = (t - x[i]) / h;
            return a * y[i] + b * y[i + 1] + ((a * a * a - a) * m[i] + (b * b * b - b) * m[i + 1]) * h * h / 6.0;
        }
    }
}
