package io.github.ecgid.core.synth;

import io.github.ecgid.core.Annotation;
import io.github.ecgid.core.Annotations;
import io.github.ecgid.core.EcgRecord;
import io.github.ecgid.core.EcgSignalException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Synthetic single-lead ECG after the ECGSYN dynamical model of McSharry, Clifford, Tarassenko and Smith,
 * "A dynamical model for generating synthetic electrocardiogram signals", IEEE Trans. Biomed. Eng.
 * 50(3):289-294, 2003 (doi:10.1109/TBME.2003.808805).
 *
 * <p>A point moves on the unit limit cycle in the (x, y) plane with angular speed 2&pi;/RR; the P, Q, R, S and
 * T waves are Gaussian events in z at fixed angles (the paper's equation 3). The RR interval of each beat comes
 * from a tachogram with Mayer-wave (LF, 0.1 Hz) and respiratory (HF) peaks. The system is integrated with
 * fourth-order Runge-Kutta at an internal rate of at least 500 Hz (an integer multiple of the output rate) and
 * decimated, so any output rate works. Angles and widths scale with the mean heart rate by the paper's
 * sqrt(hr/60) factors. The output is scaled so that the median R wave is the person's R amplitude in mV.
 *
 * <p>Departures from the paper, on purpose: the R event is reached exactly at each scheduled beat time (the
 * angular speed changes at the R peak, not at a fixed clock), the respiratory baseline is added as
 * {@link Noise} instead of inside the z equation, and the per-person and per-session variations described in
 * {@link PersonProfile} and {@link Builder#sessionSeed(long)} are added.
 *
 * <pre>{@code
 * SyntheticRecording rec = SyntheticEcg.builder()
 *         .samplingRateHz(250).durationSeconds(60)
 *         .person(PersonProfile.of(3, 42)).sessionSeed(7)
 *         .heartRateBpm(70).noise(Noise.realistic())
 *         .build().generate();
 * int[] truth = rec.rPeakSamples();
 * }</pre>
 */
public final class SyntheticEcg {

    /** Lowest internal integration rate; the paper uses 512 Hz for 256 Hz output. */
    static final double MIN_INTERNAL_HZ = 500;
    /** Mayer-wave frequency of the LF peak (paper: 0.1 Hz). */
    static final double MAYER_HZ = 0.1;

    private final double samplingRateHz;
    private final double durationSeconds;
    private final PersonProfile person;
    private final long sessionSeed;
    private final double heartRateBpm;
    private final double heartRateStdBpm;
    private final double lfHfRatio;
    private final double respirationHz;
    private final Noise noise;
    private final String leadName;

    private SyntheticEcg(Builder b) {
        this.samplingRateHz = b.samplingRateHz;
        this.durationSeconds = b.durationSeconds;
        this.person = b.person;
        this.sessionSeed = b.sessionSeed;
        this.heartRateBpm = b.heartRateBpm;
        this.heartRateStdBpm = b.heartRateStdBpm;
        this.lfHfRatio = b.lfHfRatio;
        this.respirationHz = b.respirationHz;
        this.noise = b.noise;
        this.leadName = b.leadName;
    }

    /** A builder with defaults: 250 Hz, 10 s, {@link PersonProfile#standard()}, session seed 0, no noise. */
    public static Builder builder() {
        return new Builder();
    }

    /** Generates the recording; the same settings always give the same samples. */
    public SyntheticRecording generate() {
        Session s = new Session();
        int n = (int) Math.round(durationSeconds * samplingRateHz);
        int k = (int) Math.ceil(MIN_INTERNAL_HZ / samplingRateHz - 1e-9);
        RrTachogram rr = new RrTachogram(s.heartRateBpm, s.heartRateStdBpm, MAYER_HZ, s.respirationHz,
                s.lfHfRatio, durationSeconds, new Random(Seeds.mix(s.base, 1)));
        double[] beatTimes = beatTimes(rr, durationSeconds);
        // integrate past the end when needed so that even a recording shorter than a beat is scaled by whole
        // R waves (the extra samples are dropped)
        int nModel = Math.max(n, (int) Math.ceil((beatTimes[1] + 0.1) * samplingRateHz));
        double[] z = integrate(s, beatTimes, rr.rrSeconds(0), nModel, k);

        double scale = person.rAmplitudeMv() * s.gain / median(peakValues(z, beatTimes));
        double[] clean = new double[n];
        double twoPi = 2 * Math.PI;
        for (int i = 0; i < n; i++) {
            // respiration moves the heart relative to the electrodes: a small amplitude modulation
            double t = i / samplingRateHz;
            clean[i] = z[i] * scale * (1 + s.modulationDepth * StrictMath.sin(twoPi * s.respirationHz * t + s.modulationPhase));
        }
        int[] peaks = rPeaks(clean, beatTimes);

        double[] noisy = clean.clone();
        noise.addTo(noisy, samplingRateHz, s.respirationHz, new Random(Seeds.mix(s.base, 2)));

        List<Annotation> beats = new ArrayList<>(peaks.length);
        for (int p : peaks) {
            beats.add(Annotation.of(p, "N"));
        }
        String source = "synthetic person " + person.personId() + " (seed " + person.seed() + "), session seed "
                + sessionSeed;
        EcgRecord record = EcgRecord.of(samplingRateHz, List.of(leadName), new double[][] {noisy}, source,
                Annotations.of(beats));
        return new SyntheticRecording(record, peaks, clean, person, sessionSeed, s.heartRateBpm);
    }

    /** Times of the R events: the first half a beat in, then each RR interval read at its beat's start. */
    private static double[] beatTimes(RrTachogram rr, double durationSeconds) {
        double[] times = new double[64];
        int count = 0;
        double t = rr.rrSeconds(0) / 2;
        while (t <= durationSeconds + 3 || count < 2) {
            if (count == times.length) {
                times = Arrays.copyOf(times, count * 2);
            }
            times[count++] = t;
            t += rr.rrSeconds(t);
        }
        return Arrays.copyOf(times, count);
    }

    /**
     * RK4 integration of the paper's equation 3 at {@code k} internal steps per output sample; returns z at the
     * output samples. The angular speed is 2 pi / RR of the beat in progress, so theta passes 0 (the R event)
     * exactly at each beat time.
     */
    private double[] integrate(Session s, double[] beatTimes, double firstRrSeconds, int n, int k) {
        double h = 1 / (samplingRateHz * k);
        double[] segStart = new double[beatTimes.length + 1];
        double[] omega = new double[beatTimes.length + 1];
        segStart[0] = 0;
        omega[0] = 2 * Math.PI / firstRrSeconds;
        for (int j = 0; j < beatTimes.length; j++) {
            segStart[j + 1] = beatTimes[j];
            double next = j + 1 < beatTimes.length ? beatTimes[j + 1] : beatTimes[j] + firstRrSeconds;
            omega[j + 1] = 2 * Math.PI / (next - beatTimes[j]);
        }
        Field f = new Field(s.theta, s.a, s.b, segStart, omega);
        double[] out = new double[n];
        // start on the limit cycle opposite the R event, i.e. in the quiet T-P segment
        double x = -1;
        double y = 0;
        double z = 0;
        double t = 0;
        out[0] = z;
        for (int i = 1; i < n; i++) {
            for (int step = 0; step < k; step++) {
                f.eval(t, x, y, z);
                double k1x = f.dx;
                double k1y = f.dy;
                double k1z = f.dz;
                f.eval(t + h / 2, x + h / 2 * k1x, y + h / 2 * k1y, z + h / 2 * k1z);
                double k2x = f.dx;
                double k2y = f.dy;
                double k2z = f.dz;
                f.eval(t + h / 2, x + h / 2 * k2x, y + h / 2 * k2y, z + h / 2 * k2z);
                double k3x = f.dx;
                double k3y = f.dy;
                double k3z = f.dz;
                f.eval(t + h, x + h * k3x, y + h * k3y, z + h * k3z);
                x += h / 6 * (k1x + 2 * k2x + 2 * k3x + f.dx);
                y += h / 6 * (k1y + 2 * k2y + 2 * k3y + f.dy);
                z += h / 6 * (k1z + 2 * k2z + 2 * k3z + f.dz);
                t = ((long) (i - 1) * k + step + 1) * h;
            }
            out[i] = z;
        }
        return out;
    }

    /** The vector field of equation 3; results in dx, dy, dz to avoid allocation per step. */
    private static final class Field {
        private final double[] theta;
        private final double[] a;
        private final double[] b;
        private final double[] reach;
        private final double[] inv2b2;
        private final double[] segStart;
        private final double[] omega;
        private int seg;
        double dx;
        double dy;
        double dz;

        Field(double[] theta, double[] a, double[] b, double[] segStart, double[] omega) {
            this.theta = theta;
            this.a = a;
            this.b = b;
            this.segStart = segStart;
            this.omega = omega;
            this.reach = new double[b.length];
            this.inv2b2 = new double[b.length];
            for (int i = 0; i < b.length; i++) {
                reach[i] = 7 * b[i]; // exp(-24.5) is below double rounding of the other terms
                inv2b2[i] = 1 / (2 * b[i] * b[i]);
            }
        }

        void eval(double t, double x, double y, double z) {
            while (seg + 1 < segStart.length && t >= segStart[seg + 1]) {
                seg++;
            }
            double w = omega[seg];
            double alpha = 1 - Math.sqrt(x * x + y * y);
            dx = alpha * x - w * y;
            dy = alpha * y + w * x;
            double th = StrictMath.atan2(y, x);
            double fz = -z;
            for (int i = 0; i < theta.length; i++) {
                double d = th - theta[i];
                if (d >= Math.PI) {
                    d -= 2 * Math.PI;
                } else if (d < -Math.PI) {
                    d += 2 * Math.PI;
                }
                if (Math.abs(d) < reach[i]) {
                    fz -= a[i] * d * StrictMath.exp(-d * d * inv2b2[i]);
                }
            }
            dz = fz;
        }
    }

    private double[] peakValues(double[] z, double[] beatTimes) {
        int[] idx = rPeaks(z, beatTimes);
        double[] v = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            v[i] = z[idx[i]];
        }
        return v;
    }

    /**
     * For each beat time, the maximum of the signal within 25 ms (at least 2 samples) of it: the R wave's peak.
     * Beats whose search window does not fit strictly inside the signal are skipped.
     */
    private int[] rPeaks(double[] signal, double[] beatTimes) {
        int half = Math.max(2, (int) Math.ceil(0.025 * samplingRateHz));
        int[] out = new int[beatTimes.length];
        int count = 0;
        for (double t : beatTimes) {
            int c = (int) Math.round(t * samplingRateHz);
            if (c - half < 1 || c + half > signal.length - 2) {
                continue;
            }
            out[count++] = argMax(signal, c - half, c + half);
        }
        return Arrays.copyOf(out, count);
    }

    private static int argMax(double[] x, int from, int to) {
        int best = from;
        for (int i = from + 1; i <= to; i++) {
            if (x[i] > x[best]) {
                best = i;
            }
        }
        return best;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }

    /** Per-session draws: heart rate, variability, breathing, amplitude drift; fixed order for reproducibility. */
    private final class Session {
        final long base = Seeds.mix(sessionSeed, person.seed(), person.personId());
        final double heartRateBpm;
        final double heartRateStdBpm;
        final double lfHfRatio;
        final double respirationHz;
        final double gain;
        final double modulationDepth;
        final double modulationPhase;
        final double[] theta = new double[PersonProfile.EVENTS];
        final double[] a = new double[PersonProfile.EVENTS];
        final double[] b = new double[PersonProfile.EVENTS];

        Session() {
            Random r = new Random(base);
            double hrDraw = person.restingHeartRateBpm() + 3 * clip(r.nextGaussian());
            double hrStdDraw = 1.5 + 1.5 * r.nextDouble();
            double lfHfDraw = 0.5 * StrictMath.exp(Math.log(4) * r.nextDouble());
            double respDraw = 0.2 + 0.1 * r.nextDouble();
            gain = StrictMath.exp(0.04 * clip(r.nextGaussian()));
            modulationDepth = 0.02 + 0.03 * r.nextDouble();
            modulationPhase = 2 * Math.PI * r.nextDouble();
            heartRateBpm = Double.isNaN(SyntheticEcg.this.heartRateBpm) ? hrDraw : SyntheticEcg.this.heartRateBpm;
            heartRateStdBpm = Double.isNaN(SyntheticEcg.this.heartRateStdBpm) ? hrStdDraw
                    : SyntheticEcg.this.heartRateStdBpm;
            lfHfRatio = Double.isNaN(SyntheticEcg.this.lfHfRatio) ? lfHfDraw : SyntheticEcg.this.lfHfRatio;
            respirationHz = Double.isNaN(SyntheticEcg.this.respirationHz) ? respDraw
                    : SyntheticEcg.this.respirationHz;
            // paper, section II-B: widths scale with sqrt(hr/60), P and T angles with its square root
            double hrFact = Math.sqrt(heartRateBpm / 60);
            double hrFact2 = Math.sqrt(hrFact);
            double[] angleFactor = {hrFact2, hrFact, 1, hrFact, hrFact2};
            for (int i = 0; i < PersonProfile.EVENTS; i++) {
                double jitter = i == PersonProfile.R ? 1 : StrictMath.exp(0.04 * clip(r.nextGaussian()));
                a[i] = person.amplitude(i) * jitter;
                b[i] = person.width(i) * hrFact;
                theta[i] = Math.max(-Math.PI + 1e-3, Math.min(Math.PI - 1e-3, person.theta(i) * angleFactor[i]));
            }
        }

        private static double clip(double g) {
            return Math.max(-2.5, Math.min(2.5, g));
        }
    }

    /**
     * Settings of one recording. Unset heart rate, heart-rate variability, LF/HF ratio and breathing rate are
     * drawn from the session seed around the person's resting values, so sessions of a person differ in rhythm
     * and noise but keep the person's beat shape.
     */
    public static final class Builder {
        private double samplingRateHz = 250;
        private double durationSeconds = 10;
        private PersonProfile person = PersonProfile.standard();
        private long sessionSeed;
        private double heartRateBpm = Double.NaN;
        private double heartRateStdBpm = Double.NaN;
        private double lfHfRatio = Double.NaN;
        private double respirationHz = Double.NaN;
        private Noise noise = Noise.none();
        private String leadName = "ECG";

        private Builder() {
        }

        /** Output sampling rate, 50 to 10000 Hz (default 250). */
        public Builder samplingRateHz(double hz) {
            if (!(hz >= 50 && hz <= 10_000)) {
                throw new EcgSignalException("Synthetic ECG sampling rate must be 50..10000 Hz, got " + hz + " Hz");
            }
            this.samplingRateHz = hz;
            return this;
        }

        /** Length of the recording, more than 0 and at most 24 hours (default 10 s). */
        public Builder durationSeconds(double seconds) {
            if (!(seconds > 0 && seconds <= 86_400)) {
                throw new EcgSignalException("Synthetic ECG duration must be in (0, 86400] s, got " + seconds);
            }
            this.durationSeconds = seconds;
            return this;
        }

        /** The beat morphology (default {@link PersonProfile#standard()}). */
        public Builder person(PersonProfile person) {
            this.person = Objects.requireNonNull(person, "person");
            return this;
        }

        /** Seed of everything that differs between sessions of one person: rhythm, amplitude drift, noise. */
        public Builder sessionSeed(long seed) {
            this.sessionSeed = seed;
            return this;
        }

        /** Mean heart rate, 30 to 200 bpm (default: the person's resting rate +- a session-drawn offset). */
        public Builder heartRateBpm(double bpm) {
            if (!(bpm >= 30 && bpm <= 200)) {
                throw new EcgSignalException("Heart rate must be 30..200 bpm, got " + bpm);
            }
            this.heartRateBpm = bpm;
            return this;
        }

        /** Standard deviation of the heart rate, 0 to 20 bpm (paper default 1; default here 1.5..3 per session). */
        public Builder heartRateStdBpm(double bpm) {
            if (!(bpm >= 0 && bpm <= 20)) {
                throw new EcgSignalException("Heart-rate standard deviation must be 0..20 bpm, got " + bpm);
            }
            this.heartRateStdBpm = bpm;
            return this;
        }

        /** Power ratio of the LF (0.1 Hz) to the HF (respiratory) peak of the RR spectrum, 0.05 to 20. */
        public Builder lfHfRatio(double ratio) {
            if (!(ratio >= 0.05 && ratio <= 20)) {
                throw new EcgSignalException("LF/HF ratio must be 0.05..20, got " + ratio);
            }
            this.lfHfRatio = ratio;
            return this;
        }

        /** Breathing rate that sets the HF peak and the baseline wander, 0.15 to 0.5 Hz (default 0.2..0.3). */
        public Builder respirationHz(double hz) {
            if (!(hz >= 0.15 && hz <= 0.5)) {
                throw new EcgSignalException("Respiration frequency must be 0.15..0.5 Hz, got " + hz);
            }
            this.respirationHz = hz;
            return this;
        }

        /** Artefacts to add (default {@link Noise#none()}). */
        public Builder noise(Noise noise) {
            this.noise = Objects.requireNonNull(noise, "noise");
            return this;
        }

        /** Name of the single lead (default {@code "ECG"}). */
        public Builder leadName(String name) {
            if (name == null || name.isBlank()) {
                throw new EcgSignalException("Lead name must not be blank");
            }
            this.leadName = name;
            return this;
        }

        /** An immutable generator with these settings. */
        public SyntheticEcg build() {
            if (durationSeconds * samplingRateHz < 2) {
                throw new EcgSignalException("A synthetic recording needs at least 2 samples, got "
                        + durationSeconds + " s at " + samplingRateHz + " Hz");
            }
            return new SyntheticEcg(this);
        }
    }
}
