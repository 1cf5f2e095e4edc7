package io.github.ecgid.signal.detect;

import java.util.Objects;

/**
 * The Pan-Tompkins QRS detector, following Pan J, Tompkins WJ. "A real-time QRS detection algorithm",
 * IEEE Trans Biomed Eng 32(3):230-236, 1985.
 *
 * <p>Causal and per sample, exactly as the paper's real-time design: 5-15 Hz band-pass (2nd-order Butterworth
 * high- then low-pass), 5-point derivative, squaring, 150 ms moving-window integration; peaks of the integrated
 * signal are judged against two adaptive threshold sets, on the integrated (SPKI/NPKI, THRESHOLD I1/I2) and on
 * the band-passed signal (SPKF/NPKF, THRESHOLD F1/F2); 200 ms refractory period; a candidate within 360 ms of
 * the previous QRS whose maximal slope is below half of that QRS's is a T-wave; when no QRS comes within 166 %
 * of RR AVERAGE2 the largest reserved peak above the second thresholds is taken (search-back); RR AVERAGE1
 * (last 8 RR) and RR AVERAGE2 (last 8 RR within 92-116 % of it) with the first thresholds halved while the
 * rhythm is irregular; a 2 s learning phase. The detected position is refined on the input signal: the sample
 * of largest deviation from the local mean near the band-pass peak, so inverted complexes are handled.
 *
 * <p>Where the paper leaves details open: peaks of the integrated signal are confirmed by Hamilton's rule (fall
 * below half, or 95 ms after the maximum); the learning phase sets SPKI to a third of the largest integrated
 * value and NPKI to half its mean (likewise for the band-passed signal) and then replays its peaks through the
 * rules; eight RR intervals in a row outside the 92-116 % limits re-seed RR AVERAGE2 from RR AVERAGE1 (a new
 * steady rate); 8 s without a QRS, or a non-finite gap of at least 1 s, restarts the learning phase.
 *
 * <pre>{@code
 * RPeaks peaks = PanTompkins.builder().build().detect(mv, 250.0);
 * }</pre>
 */
public final class PanTompkins implements RPeakDetector {

    /** Name for {@link RPeakDetectors#byName}. */
    public static final String NAME = "pan-tompkins";

    private final double lowHz;
    private final double highHz;
    private final double integrationMs;
    private final double refractoryMs;
    private final double tWaveMs;
    private final double searchBackFactor;
    private final double learningSeconds;
    private final double refineMs;

    private PanTompkins(Builder b) {
        this.lowHz = b.lowHz;
        this.highHz = b.highHz;
        this.integrationMs = b.integrationMs;
        this.refractoryMs = b.refractoryMs;
        this.tWaveMs = b.tWaveMs;
        this.searchBackFactor = b.searchBackFactor;
        this.learningSeconds = b.learningSeconds;
        this.refineMs = b.refineMs;
    }

    /** The detector with the paper's parameters. */
    public static PanTompkins create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public StreamingRPeakDetector streaming(double samplingRateHz, RPeakListener listener) {
        return new Stream(samplingRateHz, listener, this);
    }

    @Override
    public String toString() {
        return "PanTompkins[band " + lowHz + "-" + highHz + " Hz, integration " + integrationMs + " ms]";
    }

    /** Options, all defaulting to the paper's values. */
    public static final class Builder {
        private double lowHz = 5;
        private double highHz = 15;
        private double integrationMs = 150;
        private double refractoryMs = 200;
        private double tWaveMs = 360;
        private double searchBackFactor = 1.66;
        private double learningSeconds = 2;
        private double refineMs = 75;

        private Builder() {
        }

        /** QRS band-pass edges (default 5-15 Hz). */
        public Builder bandPassHz(double low, double high) {
            if (!(low > 0 && high > low && high < 45)) {
                throw new IllegalArgumentException("Need 0 < low < high < 45 Hz, got " + low + "-" + high);
            }
            this.lowHz = low;
            this.highHz = high;
            return this;
        }

        /** Moving-window integration width (default 150 ms). */
        public Builder integrationMs(double ms) {
            this.integrationMs = positive(ms, "integrationMs");
            return this;
        }

        /** Refractory period after a QRS (default 200 ms). */
        public Builder refractoryMs(double ms) {
            this.refractoryMs = positive(ms, "refractoryMs");
            return this;
        }

        /** Window after a QRS in which low-slope candidates are T-waves (default 360 ms). */
        public Builder tWaveWindowMs(double ms) {
            this.tWaveMs = positive(ms, "tWaveWindowMs");
            return this;
        }

        /** Search-back after this multiple of RR AVERAGE2 without a QRS (default 1.66). */
        public Builder searchBackFactor(double factor) {
            if (!(factor > 1)) {
                throw new IllegalArgumentException("searchBackFactor must be > 1, got " + factor);
            }
            this.searchBackFactor = factor;
            return this;
        }

        /** Learning phase length (default 2 s). */
        public Builder learningSeconds(double seconds) {
            this.learningSeconds = positive(seconds, "learningSeconds");
            return this;
        }

        /** Half-width of the window in which the R position is refined on the input (default 75 ms). */
        public Builder refineMs(double ms) {
            this.refineMs = positive(ms, "refineMs");
            return this;
        }

        public PanTompkins build() {
            return new PanTompkins(this);
        }

        private static double positive(double v, String name) {
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException(name + " must be positive and finite, got " + v);
            }
            return v;
        }
    }

    /**
     * The per-sample detector: front end in {@link QrsStream}, the learning phase and the rules shared with
     * {@link RobustQrs} in {@link ThresholdStream}, the rest of the paper's decision rules here.
     */
    static final class Stream extends ThresholdStream {
        private static final int POOL = 32;
        private static final int RR_N = 8;

        private final PanTompkins cfg;
        private final double defaultRr;

        private double spkf;
        private double npkf;
        private final double[] rr1 = new double[RR_N];
        private int rr1n;
        private int rr1i;
        private final double[] rr2 = new double[RR_N];
        private int rr2n;
        private int rr2i;
        private double rrAvg1;
        private double rrAvg2;
        private boolean irregular;
        private int outOfLimits;
        private final long[] poolR = new long[POOL];
        private final double[] poolI = new double[POOL];
        private final double[] poolF = new double[POOL];
        private final double[] poolS = new double[POOL];
        private int poolN;
        private boolean poolChanged;
        // replay buffers for the end of the learning phase (preallocated: no allocation per sample)
        private final long[] replayR = new long[POOL];
        private final double[] replayI = new double[POOL];
        private final double[] replayF = new double[POOL];
        private final double[] replayS = new double[POOL];

        Stream(double fs, RPeakListener listener, PanTompkins cfg) {
            super(NAME, fs, listener, cfg.lowHz, cfg.highHz, cfg.integrationMs, cfg.refineMs, cfg.refractoryMs,
                    cfg.tWaveMs, cfg.learningSeconds);
            this.cfg = cfg;
            this.defaultRr = fs;
            startLearning(0);
        }

        @Override
        protected long configHash() {
            return 31 * frontEndHash() + Objects.hash(cfg.refractoryMs, cfg.tWaveMs, cfg.searchBackFactor,
                    cfg.learningSeconds);
        }

        @Override
        protected void clearRules() {
            poolN = 0;
            rr1n = rr1i = rr2n = rr2i = 0;
            irregular = false;
            outOfLimits = 0;
        }

        @Override
        protected void endLearning(long now, boolean atEnd) {
            if (!learnThresholds(now, atEnd)) {
                return;
            }
            spkf = learnMaxF / 3.0;
            npkf = 0.5 * learnSumF / learnN;
            int n = poolN;
            System.arraycopy(poolR, 0, replayR, 0, n);
            System.arraycopy(poolI, 0, replayI, 0, n);
            System.arraycopy(poolF, 0, replayF, 0, n);
            System.arraycopy(poolS, 0, replayS, 0, n);
            poolN = 0;
            for (int k = 0; k < n; k++) {
                classify(replayR[k], replayI[k], replayF[k], replayS[k], now);
            }
            schedule(now);
        }

        @Override
        protected void onCandidate(long r, double peakI, double peakF, double slope, long now) {
            if (learning) {
                addToPool(r, peakI, peakF, slope);
                return;
            }
            classify(r, peakI, peakF, slope, now);
            if (now - lastRef() > missedLimit()) {
                searchBack(now);
            }
            schedule(now);
        }

        private void classify(long r, double peakI, double peakF, double slope, long now) {
            if (inRefractory(r)) {
                return; // the same complex, or within the refractory period
            }
            double i1 = npki + 0.25 * (spki - npki);
            double f1 = npkf + 0.25 * (spkf - npkf);
            if (irregular) {
                i1 *= 0.5;
                f1 *= 0.5;
            }
            if (peakI > i1 && peakF > f1) {
                if (isTWave(r, slope)) {
                    noise(peakI, peakF);
                    return;
                }
                qrs(r, peakI, peakF, slope, 0.125, now);
                poolN = 0;
                return;
            }
            noise(peakI, peakF);
            addToPool(r, peakI, peakF, slope);
        }

        private void noise(double peakI, double peakF) {
            noiseI(peakI);
            npkf = 0.125 * peakF + 0.875 * npkf;
        }

        private void qrs(long r, double peakI, double peakF, double slope, double weight, long now) {
            signalI(peakI, weight);
            spkf = weight * peakF + (1 - weight) * spkf;
            if (hasLastR) {
                updateRr(r - lastR);
            }
            accepted(r, slope, now);
        }

        private void updateRr(long rrSamples) {
            double rr = rrSamples;
            rr1[rr1i] = rr;
            rr1i = (rr1i + 1) % RR_N;
            rr1n = Math.min(RR_N, rr1n + 1);
            rrAvg1 = mean(rr1, rr1n);
            if (rr2n == 0 || (rr >= 0.92 * rrAvg2 && rr <= 1.16 * rrAvg2)) {
                rr2[rr2i] = rr;
                rr2i = (rr2i + 1) % RR_N;
                rr2n = Math.min(RR_N, rr2n + 1);
                rrAvg2 = mean(rr2, rr2n);
                irregular = false;
                outOfLimits = 0;
            } else {
                irregular = true;
                if (++outOfLimits >= RR_N) {
                    // a new steady rate: take RR AVERAGE1 as the new reference
                    System.arraycopy(rr1, 0, rr2, 0, RR_N);
                    rr2n = rr1n;
                    rr2i = rr1i;
                    rrAvg2 = rrAvg1;
                    outOfLimits = 0;
                }
            }
        }

        private static double mean(double[] v, int n) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += v[i];
            }
            return s / n;
        }

        private long missedLimit() {
            return Math.round(cfg.searchBackFactor * (rr2n > 0 ? rrAvg2 : defaultRr));
        }

        private void addToPool(long r, double peakI, double peakF, double slope) {
            if (poolN == POOL) {
                shiftPool(1);
            }
            poolR[poolN] = r;
            poolI[poolN] = peakI;
            poolF[poolN] = peakF;
            poolS[poolN] = slope;
            poolN++;
            poolChanged = true;
        }

        private void shiftPool(int k) {
            int n = poolN - k;
            System.arraycopy(poolR, k, poolR, 0, n);
            System.arraycopy(poolI, k, poolI, 0, n);
            System.arraycopy(poolF, k, poolF, 0, n);
            System.arraycopy(poolS, k, poolS, 0, n);
            poolN = n;
        }

        /** The paper's search-back: the largest reserved peak above the second thresholds is a QRS. */
        private void searchBack(long now) {
            while (poolChanged && poolN > 0 && now - lastRef() > missedLimit()) {
                double i1 = npki + 0.25 * (spki - npki);
                double f1 = npkf + 0.25 * (spkf - npkf);
                if (irregular) {
                    i1 *= 0.5;
                    f1 *= 0.5;
                }
                double i2 = 0.5 * i1;
                double f2 = 0.5 * f1;
                int best = -1;
                for (int j = 0; j < poolN; j++) {
                    long r = poolR[j];
                    if (inRefractory(r) || isTWave(r, poolS[j])) {
                        continue;
                    }
                    if (poolI[j] > i2 && poolF[j] > f2 && (best < 0 || poolI[j] > poolI[best])) {
                        best = j;
                    }
                }
                if (best < 0) {
                    poolChanged = false;
                    return;
                }
                long r = poolR[best];
                double pi = poolI[best];
                double pf = poolF[best];
                double ps = poolS[best];
                shiftPool(best + 1);
                qrs(r, pi, pf, ps, 0.25, now);
            }
        }

        private void schedule(long now) {
            if (learning) {
                nextEvent = learnEnd;
                return;
            }
            long relearnAt = lastActivity + relearnSamples + 1;
            long missedAt = lastRef() + missedLimit() + 1;
            nextEvent = missedAt > now ? Math.min(missedAt, relearnAt) : relearnAt;
        }

        @Override
        protected void onTimer(long now) {
            if (!learningTimer(now)) {
                if (now - lastRef() > missedLimit()) {
                    searchBack(now);
                }
                if (now - lastActivity > relearnSamples) {
                    startLearning(now);
                    return;
                }
            }
            schedule(now);
        }

        @Override
        protected void finishRules(long end, boolean wasLearning) {
            if (!wasLearning && end - lastRef() > missedLimit()) {
                searchBack(end);
            }
        }

        @Override
        protected void packMoreRules(Packer out) {
            out.d(spkf).d(npkf).d(lastSlope).d(rrAvg1).d(rrAvg2).d(rr1).d(rr2).d(poolI).d(poolF).d(poolS);
            out.l(rr1n).l(rr1i).l(rr2n).l(rr2i).b(irregular).l(outOfLimits).l(poolR).l(poolN).b(poolChanged);
        }

        @Override
        protected void unpackMoreRules(Unpacker in) {
            spkf = in.d();
            npkf = in.d();
            lastSlope = in.d();
            rrAvg1 = in.d();
            rrAvg2 = in.d();
            in.d(rr1);
            in.d(rr2);
            in.d(poolI);
            in.d(poolF);
            in.d(poolS);
            rr1n = (int) in.l();
            rr1i = (int) in.l();
            rr2n = (int) in.l();
            rr2i = (int) in.l();
            irregular = in.b();
            outOfLimits = (int) in.l();
            in.l(poolR);
            poolN = (int) in.l();
            poolChanged = in.b();
        }
    }
}
