package io.github.ecgid.core.synth;

import io.github.ecgid.core.EcgSignalException;
import java.util.Random;

/**
 * Artefacts added to a synthetic ECG: baseline wander (respiration at the session's breathing rate,
 * 0.15-0.3 Hz, plus a slower drift), power-line interference (50 or 60 Hz) and EMG-like band-limited noise
 * (20-150 Hz, capped below Nyquist).
 *
 * <p>Amplitudes are in mV. With {@link #atSnrDb(double)} the components keep their proportions but are scaled
 * so that the power of the clean ECG over the power of the added noise equals the given SNR.
 *
 * <pre>{@code
 * Noise.none();                 // clean signal
 * Noise.realistic();            // 0.15 mV wander, 0.02 mV at 50 Hz, 0.015 mV rms EMG
 * Noise.realistic().atSnrDb(6); // same mix, much stronger
 * Noise.of(0.3, 0.05, 60, 0.03);
 * }</pre>
 *
 * @param baselineWanderMv amplitude of the respiratory baseline sinusoid in mV (the slow drift adds half of it)
 * @param powerLineMv      amplitude of the power-line sinusoid in mV
 * @param powerLineHz      mains frequency, 50 or 60 Hz
 * @param emgRmsMv         root-mean-square of the EMG-like noise in mV
 * @param snrDb            target signal-to-noise ratio in dB, or NaN to use the amplitudes as given
 */
public record Noise(double baselineWanderMv, double powerLineMv, double powerLineHz, double emgRmsMv,
                    double snrDb) {

    private static final Noise NONE = new Noise(0, 0, 50, 0, Double.NaN);

    public Noise {
        if (!(baselineWanderMv >= 0) || !(powerLineMv >= 0) || !(emgRmsMv >= 0)
                || Double.isInfinite(baselineWanderMv + powerLineMv + emgRmsMv)) {
            throw new EcgSignalException("Noise amplitudes must be finite and >= 0 mV, got wander "
                    + baselineWanderMv + ", power line " + powerLineMv + ", EMG " + emgRmsMv);
        }
        if (powerLineHz != 50 && powerLineHz != 60) {
            throw new EcgSignalException("Power-line frequency must be 50 or 60 Hz, got " + powerLineHz);
        }
        if (!Double.isNaN(snrDb) && (Double.isInfinite(snrDb) || isSilent(baselineWanderMv, powerLineMv, emgRmsMv))) {
            throw new EcgSignalException("An SNR of " + snrDb + " dB needs a finite value and a noise mix with"
                    + " at least one non-zero component");
        }
    }

    /** No artefacts. */
    public static Noise none() {
        return NONE;
    }

    /** A typical resting recording with 50 Hz mains: 0.15 mV wander, 0.02 mV mains, 0.015 mV rms EMG. */
    public static Noise realistic() {
        return realistic(50);
    }

    /** As {@link #realistic()} with the given mains frequency (50 or 60 Hz). */
    public static Noise realistic(double powerLineHz) {
        return new Noise(0.15, 0.02, powerLineHz, 0.015, Double.NaN);
    }

    /** Explicit amplitudes in mV. */
    public static Noise of(double baselineWanderMv, double powerLineMv, double powerLineHz, double emgRmsMv) {
        return new Noise(baselineWanderMv, powerLineMv, powerLineHz, emgRmsMv, Double.NaN);
    }

    /** The same mix, scaled at generation time so that clean-signal power / noise power = {@code snrDb}. */
    public Noise atSnrDb(double snrDb) {
        if (Double.isNaN(snrDb)) {
            throw new EcgSignalException("SNR must be a number of dB, got NaN");
        }
        return new Noise(baselineWanderMv, powerLineMv, powerLineHz, emgRmsMv, snrDb);
    }

    /** Whether this adds nothing. */
    public boolean isNone() {
        return isSilent(baselineWanderMv, powerLineMv, emgRmsMv);
    }

    private static boolean isSilent(double bw, double pl, double emg) {
        return bw == 0 && pl == 0 && emg == 0;
    }

    /**
     * Adds the artefacts to {@code mv} in place. {@code respirationHz} sets the wander's main frequency so that
     * it matches the session's breathing (the RR series' HF peak).
     */
    void addTo(double[] mv, double samplingRateHz, double respirationHz, Random rnd) {
        if (isNone()) {
            return;
        }
        int n = mv.length;
        double[] noise = new double[n];
        double twoPi = 2 * Math.PI;
        if (baselineWanderMv > 0) {
            double phase1 = twoPi * rnd.nextDouble();
            double slowHz = 0.03 + 0.05 * rnd.nextDouble();
            double phase2 = twoPi * rnd.nextDouble();
            for (int i = 0; i < n; i++) {
                double t = i / samplingRateHz;
                noise[i] += baselineWanderMv * (StrictMath.sin(twoPi * respirationHz * t + phase1)
                        + 0.5 * StrictMath.sin(twoPi * slowHz * t + phase2));
            }
        }
        if (powerLineMv > 0) {
            double phase = twoPi * rnd.nextDouble();
            // mains drifts by a few mHz in practice; a fixed offset per session keeps it reproducible
            double hz = powerLineHz + 0.02 * (rnd.nextDouble() - 0.5);
            for (int i = 0; i < n; i++) {
                noise[i] += powerLineMv * StrictMath.sin(twoPi * hz * i / samplingRateHz + phase);
            }
        }
        if (emgRmsMv > 0) {
            addEmg(noise, samplingRateHz, rnd);
        }
        double scale = 1;
        if (!Double.isNaN(snrDb)) {
            double noisePower = variance(noise);
            double signalPower = variance(mv);
            scale = noisePower > 0 ? Math.sqrt(signalPower / noisePower / StrictMath.pow(10, snrDb / 10)) : 0;
        }
        for (int i = 0; i < n; i++) {
            mv[i] += scale * noise[i];
        }
    }

    /** White Gaussian noise through a one-pole high-pass (20 Hz) and two one-pole low-passes, then set to rms. */
    private void addEmg(double[] noise, double fs, Random rnd) {
        int n = noise.length;
        double[] emg = new double[n];
        double hpAlpha = 1 / (1 + 2 * Math.PI * 20 / fs);
        double lowHz = Math.min(150, 0.4 * fs);
        double lpAlpha = 1 - StrictMath.exp(-2 * Math.PI * lowHz / fs);
        double prevIn = 0;
        double hp = 0;
        double lp1 = 0;
        double lp2 = 0;
        for (int i = 0; i < n; i++) {
            double w = rnd.nextGaussian();
            hp = hpAlpha * (hp + w - prevIn);
            prevIn = w;
            lp1 += lpAlpha * (hp - lp1);
            lp2 += lpAlpha * (lp1 - lp2);
            emg[i] = lp2;
        }
        double rms = Math.sqrt(variance(emg));
        if (rms > 0) {
            for (int i = 0; i < n; i++) {
                noise[i] += emgRmsMv * emg[i] / rms;
            }
        }
    }

    private static double variance(double[] x) {
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double s = 0;
        for (double v : x) {
            s += (v - mean) * (v - mean);
        }
        return s / x.length;
    }
}
