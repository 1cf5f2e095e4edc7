package io.github.ecgid.signal.detect;

import java.util.Arrays;
import java.util.Objects;

/**
 * A noise-robust QRS detector: the Pan-Tompkins front end with decision rules that keep muscle-noise bursts out.
 *
 * <p>Front end as {@link PanTompkins} but with a narrower 4.5-13 Hz band-pass (less muscle noise, measured on
 * the noise stress test), derivative, squaring, 150 ms integration, R refined on the input. The decision adds,
 * to Pan-Tompkins' adaptive thresholds ({@code NPKI + 0.25 (SPKI - NPKI)}), refractory period, T-wave slope
 * rule and search-back (Pan J, Tompkins WJ, IEEE Trans Biomed Eng 32(3):230-236, 1985):
 * <ul>
 *   <li><b>Look-ahead competition.</b> A candidate is held {@value #HOLD_MS} ms and loses to a larger one in that
 *       span (Hamilton's 200 ms pre-blanking, lengthened: Hamilton PS, Tompkins WJ, IEEE Trans Biomed Eng
 *       33(12):1157-1165, 1986). The losers feed the noise level NPKI, so the threshold rises with the noise.</li>
 *   <li><b>Morphology check while noisy.</b> Each candidate's band-passed complex (+-60 ms) is correlated with a
 *       running template of accepted beats (best lag within +-{@value #LAG_MS} ms). While the noise level is at
 *       least {@value #NOISY} of the signal level, a candidate that correlates below {@value #MIN_CORRELATION}
 *       and is not larger than {@value #STRONG} times the signal level is noise (template matching as in
 *       Hamilton's OSEA beat classifier; shape rather than energy as in Martinez JP et al., IEEE Trans Biomed
 *       Eng 51(4):570-581, 2004). Clean stretches keep Pan-Tompkins' rules, so ectopic beats stay detected.</li>
 *   <li><b>Timing.</b> A candidate earlier than {@value #EARLY_FRACTION} of the mean of the last 8 RR intervals
 *       needs at least {@value #EARLY_PEAK} of the last beat's integrated peak: premature beats are strong,
 *       noise between beats is weaker.</li>
 * </ul>
 * Causal and per sample with fixed-size state (no allocation per sample; the rules run only per candidate), any
 * chunking gives the same peaks, and the state can be checkpointed ({@link StreamingRPeakDetector#snapshot}).
 * Peaks are reported about {@value #HOLD_MS} ms after the complex. Parameters were tuned on MIT-BIH 118/119 with
 * nstdb noise and on the 48 MIT-BIH records; LUDB was held out (docs/detection.md).
 *
 * <pre>{@code
 * RPeaks peaks = RobustQrs.create().detect(mv, 360.0);
 * }</pre>
 */
public final class RobustQrs implements RPeakDetector {

    /** Name for {@link RPeakDetectors#byName}. */
    public static final String NAME = "robust";

    static final double LOW_HZ = 4.5;
    static final double HIGH_HZ = 13;
    static final double HOLD_MS = 250;
    static final double LAG_MS = 15;
    static final double EARLY_FRACTION = 0.6;
    static final double EARLY_PEAK = 0.4;
    static final double NOISY = 0.2;
    static final double MIN_CORRELATION = 0.5;
    static final double STRONG = 1.2;
    /** Threshold fraction between noise and signal level (Pan-Tompkins' THRESHOLD I1). */
    static final double K0 = 0.25;
    static final double SEARCH_BACK_FACTOR = 1.66;
    static final double SEARCH_BACK_MIN_CORRELATION = 0.3;
    static final double TEMPLATE_WEIGHT = 0.125;

    private RobustQrs() {
    }

    /** The detector with its tuned parameters. */
    public static RobustQrs create() {
        return new RobustQrs();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public StreamingRPeakDetector streaming(double samplingRateHz, RPeakListener listener) {
        return new Stream(samplingRateHz, listener);
    }

    @Override
    public String toString() {
        return "RobustQrs[" + LOW_HZ + "-" + HIGH_HZ + " Hz, look-ahead " + HOLD_MS + " ms, template check]";
    }

    /** The per-sample detector: Pan-Tompkins' shared rules in {@link ThresholdStream}, this detector's here. */
    static final class Stream extends ThresholdStream {
        private static final int POOL = 32;
        private static final int PENDING = 16;
        private static final int RR_N = 8;

        private final long hold;
        private final int half;
        private final int lag;
        private final int len;
        private final int wlen;

        private double lastPeak;
        private final double[] rr = new double[RR_N];
        private int rrN;
        private int rrI;
        private double rrAvg;
        // template of accepted beats (zero mean, unit norm), len samples
        private final double[] tmpl;
        private boolean hasTmpl;
        // candidates waiting for their look-ahead (in order of arrival)
        private final long[] penR = new long[PENDING];
        private final long[] penDue = new long[PENDING];
        private final double[] penI = new double[PENDING];
        private final double[] penS = new double[PENDING];
        private final double[] penW;
        private int penN;
        // rejected candidates since the last QRS, for search-back
        private final long[] poolR = new long[POOL];
        private final double[] poolI = new double[POOL];
        private final double[] poolS = new double[POOL];
        private final double[] poolC = new double[POOL];
        private final double[] poolW;
        private int poolN;
        // scratch
        private final double[] seg;
        private int bestLag;

        Stream(double fs, RPeakListener listener) {
            super(NAME, fs, listener, LOW_HZ, HIGH_HZ, 150, 75, 200, 360, 2);
            this.hold = ms(HOLD_MS);
            this.half = ms(60);
            this.lag = ms(LAG_MS);
            this.len = 2 * half + 1;
            this.wlen = len + 2 * lag;
            this.tmpl = new double[len];
            this.penW = new double[PENDING * wlen];
            this.poolW = new double[POOL * wlen];
            this.seg = new double[len];
            startLearning(0);
        }

        @Override
        protected long configHash() {
            return 31 * frontEndHash() + Objects.hash(refractory, tWave, hold, learnSamples, half, lag, K0,
                    MIN_CORRELATION, STRONG, NOISY, EARLY_FRACTION, EARLY_PEAK, SEARCH_BACK_FACTOR,
                    SEARCH_BACK_MIN_CORRELATION, TEMPLATE_WEIGHT);
        }

        @Override
        protected void clearRules() {
            penN = 0;
            poolN = 0;
            rrN = rrI = 0;
            rrAvg = 0;
        }

        @Override
        protected String learningLength() {
            return "2 s";
        }

        @Override
        protected void onCandidate(long r, double peakI, double peakF, double slope, long now) {
            if (!learning) {
                decideDue(now);
            }
            if (penN == PENDING) {
                if (learning) {
                    dropOldest();
                } else {
                    decide(0, now);
                }
            }
            int k = penN++;
            penR[k] = r;
            penDue[k] = now + hold;
            penI[k] = peakI;
            penS[k] = slope;
            long from = candBpPos - half - lag;
            int o = k * wlen;
            for (int j = 0; j < wlen; j++) {
                penW[o + j] = bandPassed(from + j);
            }
            if (!learning) {
                afterDecisions(now);
            }
        }

        @Override
        protected void endLearning(long now, boolean atEnd) {
            if (!learnThresholds(now, atEnd)) {
                penN = 0;
                return;
            }
            if (!hasTmpl) {
                seedTemplate();
            }
            decideDue(now);
            afterDecisions(now);
        }

        /** The template from the learning phase's largest candidate (before any beat has been accepted). */
        private void seedTemplate() {
            int best = -1;
            for (int k = 0; k < penN; k++) {
                if (best < 0 || penI[k] > penI[best]) {
                    best = k;
                }
            }
            if (best >= 0) {
                System.arraycopy(penW, best * wlen + lag, seg, 0, len);
                if (normalize(seg)) {
                    System.arraycopy(seg, 0, tmpl, 0, len);
                    hasTmpl = true;
                }
            }
        }

        private void decideDue(long now) {
            while (penN > 0 && penDue[0] <= now) {
                decide(0, now);
            }
        }

        /** Decides pending candidate 0 (the oldest) and removes it. */
        private void decide(int k, long now) {
            long r = penR[k];
            double pi = penI[k];
            double ps = penS[k];
            int o = k * wlen;
            boolean dominated = false;
            for (int j = k + 1; j < penN; j++) {
                if (penR[j] > r && penR[j] - r < hold && penI[j] > pi) {
                    dominated = true;
                    break;
                }
            }
            if (!inRefractory(r)) {
                boolean tw = isTWave(r, ps);
                // the correlation only for candidates the other rules let through (most are small ripples)
                double c = Double.NaN;
                boolean accept = false;
                if (!dominated && !tw && pi > threshold() && timingOk(r, pi)) {
                    c = correlate(penW, o);
                    accept = shapeOk(pi, c);
                }
                if (accept) {
                    qrs(r, pi, ps, c, penW, o + bestLag, 0.125, now);
                } else {
                    noiseI(pi);
                    if (!tw) {
                        addToPool(r, pi, ps, c, penW, o);
                    }
                }
            }
            dropOldest();
        }

        private void dropOldest() {
            penN--;
            System.arraycopy(penR, 1, penR, 0, penN);
            System.arraycopy(penDue, 1, penDue, 0, penN);
            System.arraycopy(penI, 1, penI, 0, penN);
            System.arraycopy(penS, 1, penS, 0, penN);
            System.arraycopy(penW, wlen, penW, 0, penN * wlen);
        }

        private double threshold() {
            return npki + K0 * (spki - npki);
        }

        /** The morphology check, applied only while the noise level is high. */
        private boolean shapeOk(double pi, double c) {
            if (c >= MIN_CORRELATION || pi >= STRONG * spki) {
                return true;
            }
            return spki > 0 && npki < NOISY * spki;
        }

        private boolean timingOk(long r, double pi) {
            if (!hasLastR || rrAvg <= 0 || r - lastR >= EARLY_FRACTION * rrAvg) {
                return true;
            }
            return pi >= EARLY_PEAK * lastPeak;
        }

        private void qrs(long r, double pi, double ps, double c, double[] w, int at, double weight, long now) {
            signalI(pi, weight);
            if (hasLastR) {
                double d = r - lastR;
                rr[rrI] = d;
                rrI = (rrI + 1) % RR_N;
                rrN = Math.min(RR_N, rrN + 1);
                double s = 0;
                for (int i = 0; i < rrN; i++) {
                    s += rr[i];
                }
                rrAvg = s / rrN;
            }
            System.arraycopy(w, at, seg, 0, len);
            if (normalize(seg)) {
                if (!hasTmpl) {
                    System.arraycopy(seg, 0, tmpl, 0, len);
                    hasTmpl = true;
                } else if (c >= MIN_CORRELATION) {
                    for (int i = 0; i < len; i++) {
                        tmpl[i] = (1 - TEMPLATE_WEIGHT) * tmpl[i] + TEMPLATE_WEIGHT * seg[i];
                    }
                    normalize(tmpl);
                }
            }
            lastPeak = pi;
            poolN = 0;
            accepted(r, ps, now);
        }

        /** Best Pearson correlation of the stored window with the template over the lags; sets bestLag. */
        private double correlate(double[] w, int o) {
            bestLag = lag;
            if (!hasTmpl) {
                return 1;
            }
            double best = -1;
            for (int l = 0; l <= 2 * lag; l++) {
                double s = 0;
                double s2 = 0;
                double st = 0;
                for (int i = 0; i < len; i++) {
                    double x = w[o + l + i];
                    s += x;
                    s2 += x * x;
                    st += x * tmpl[i];
                }
                double var = s2 - s * s / len;
                if (var <= 0) {
                    continue;
                }
                double cc = st / Math.sqrt(var); // the template is zero-mean with unit norm
                if (cc > best) {
                    best = cc;
                    bestLag = l;
                }
            }
            return best;
        }

        private static boolean normalize(double[] v) {
            double m = 0;
            for (double x : v) {
                m += x;
            }
            m /= v.length;
            double n = 0;
            for (int i = 0; i < v.length; i++) {
                v[i] -= m;
                n += v[i] * v[i];
            }
            if (!(n > 0)) {
                return false;
            }
            double f = 1 / Math.sqrt(n);
            for (int i = 0; i < v.length; i++) {
                v[i] *= f;
            }
            return true;
        }

        private void addToPool(long r, double pi, double ps, double c, double[] w, int o) {
            if (poolN == POOL) {
                poolN--;
                System.arraycopy(poolR, 1, poolR, 0, poolN);
                System.arraycopy(poolI, 1, poolI, 0, poolN);
                System.arraycopy(poolS, 1, poolS, 0, poolN);
                System.arraycopy(poolC, 1, poolC, 0, poolN);
                System.arraycopy(poolW, wlen, poolW, 0, poolN * wlen);
            }
            poolR[poolN] = r;
            poolI[poolN] = pi;
            poolS[poolN] = ps;
            poolC[poolN] = c;
            System.arraycopy(w, o, poolW, poolN * wlen, wlen);
            poolN++;
        }

        private long missedLimit() {
            return Math.round(SEARCH_BACK_FACTOR * (rrAvg > 0 ? rrAvg : fs));
        }

        /** Pan-Tompkins' search-back: the largest rejected candidate above half the threshold, if shaped alike. */
        private void searchBack(long now) {
            while (poolN > 0 && now - lastRef() > missedLimit()) {
                double t2 = 0.5 * threshold();
                int best = -1;
                for (int j = 0; j < poolN; j++) {
                    long r = poolR[j];
                    if (inRefractory(r) || isTWave(r, poolS[j])) {
                        continue;
                    }
                    if (!(poolI[j] > t2) || (best >= 0 && poolI[j] <= poolI[best])) {
                        continue;
                    }
                    if (Double.isNaN(poolC[j])) {
                        poolC[j] = correlate(poolW, j * wlen);
                    }
                    if (poolC[j] >= SEARCH_BACK_MIN_CORRELATION || poolI[j] >= STRONG * spki) {
                        best = j;
                    }
                }
                if (best < 0) {
                    return;
                }
                long r = poolR[best];
                double pi = poolI[best];
                double ps = poolS[best];
                double c = correlate(poolW, best * wlen);
                int at = best * wlen + bestLag;
                // qrs() clears the pool; the later rejected candidates stay eligible relative to the new beat
                int keep = poolN - best - 1;
                qrs(r, pi, ps, c, poolW, at, 0.25, now);
                if (keep > 0) {
                    shiftPoolTail(best + 1, keep);
                }
            }
        }

        private void shiftPoolTail(int from, int n) {
            System.arraycopy(poolR, from, poolR, 0, n);
            System.arraycopy(poolI, from, poolI, 0, n);
            System.arraycopy(poolS, from, poolS, 0, n);
            System.arraycopy(poolC, from, poolC, 0, n);
            System.arraycopy(poolW, from * wlen, poolW, 0, n * wlen);
            poolN = n;
        }

        private void afterDecisions(long now) {
            if (now - lastRef() > missedLimit()) {
                searchBack(now);
            }
            schedule(now);
        }

        private void schedule(long now) {
            if (learning) {
                nextEvent = learnEnd;
                return;
            }
            long next = lastActivity + relearnSamples + 1;
            if (penN > 0) {
                next = Math.min(next, Math.max(now + 1, penDue[0]));
            }
            long missedAt = lastRef() + missedLimit() + 1;
            if (missedAt > now && poolN > 0) {
                next = Math.min(next, missedAt);
            }
            nextEvent = next;
        }

        @Override
        protected void onTimer(long now) {
            if (learningTimer(now)) {
                return;
            }
            decideDue(now);
            if (now - lastRef() > missedLimit()) {
                searchBack(now);
            }
            if (now - lastActivity > relearnSamples && penN == 0) {
                startLearning(now);
                return;
            }
            schedule(now);
        }

        @Override
        protected void beforeRelearn(long now) {
            if (!learning) {
                while (penN > 0) {
                    decide(0, now);
                }
            }
        }

        @Override
        protected void finishRules(long end, boolean wasLearning) {
            if (!learning) {
                while (penN > 0) {
                    decide(0, end);
                }
                if (end - lastRef() > missedLimit()) {
                    searchBack(end);
                }
            }
        }

        @Override
        protected void packMoreRules(Packer out) {
            out.d(lastPeak).d(lastSlope).d(rrAvg).d(rr).d(tmpl).d(penI).d(penS).d(penW).d(poolI).d(poolS).d(poolC)
                    .d(poolW);
            out.l(rrN).l(rrI).b(hasTmpl).l(penR).l(penDue).l(penN).l(poolR).l(poolN);
        }

        @Override
        protected void unpackMoreRules(Unpacker in) {
            lastPeak = in.d();
            lastSlope = in.d();
            rrAvg = in.d();
            in.d(rr);
            in.d(tmpl);
            in.d(penI);
            in.d(penS);
            in.d(penW);
            in.d(poolI);
            in.d(poolS);
            in.d(poolC);
            in.d(poolW);
            rrN = (int) in.l();
            rrI = (int) in.l();
            hasTmpl = in.b();
            in.l(penR);
            in.l(penDue);
            penN = (int) in.l();
            in.l(poolR);
            poolN = (int) in.l();
        }
    }
}
