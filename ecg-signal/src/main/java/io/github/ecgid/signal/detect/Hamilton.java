package io.github.ecgid.signal.detect;

import java.util.Objects;

/**
 * Hamilton's QRS detector, after Hamilton P. "Open source ECG analysis", Computers in Cardiology 29:101-104,
 * 2002 (the OSEA {@code qrsdet2} "mean" variant) and Hamilton PS, Tompkins WJ. "Quantitative investigation of
 * QRS detection rules using the MIT/BIH arrhythmia database", IEEE Trans Biomed Eng 33(12):1157-1165, 1986.
 *
 * <p>Band-pass 5-15 Hz, derivative, absolute value, 80 ms moving-window integration; a peak is held 200 ms in
 * case a larger one follows; peaks whose derivative lacks a matching up- and down-slope within 150 ms are
 * baseline shifts; detection threshold {@code DT = NOISE_MEAN + 0.3125 (QRS_MEAN - NOISE_MEAN)} over the last
 * eight QRS and noise peaks; search-back after 1.5 RR-mean for the largest noise peak above DT/2 that lies at
 * least 360 ms after the last QRS; a candidate within 360 ms of a QRS with less than half its slope is a T-wave.
 * Differences from OSEA: any sampling rate (filters designed in Hz), a 2 s initialisation instead of 8 s whose
 * peaks are then replayed, and the R position refined on the input signal as in {@link PanTompkins}.
 * Because of the 200 ms hold, peaks are reported about 200 ms later than with Pan-Tompkins.
 */
public final class Hamilton implements RPeakDetector {

    /** Name for {@link RPeakDetectors#byName}. */
    public static final String NAME = "hamilton";

    private Hamilton() {
    }

    /** The detector with the published parameters. */
    public static Hamilton create() {
        return new Hamilton();
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
        return "Hamilton[OSEA mean rules]";
    }

    static final class Stream extends QrsStream {
        private static final int N = 8;
        private static final int POOL = 32;
        private static final double TH = 0.3125;

        private final long preBlank;
        private final long refractory;
        private final long tWave;
        private final long learnSamples;
        private final long relearnSamples;
        private final long gapRelearn;

        private final double[] qrsBuf = new double[N];
        private final double[] noiseBuf = new double[N];
        private final double[] rrBuf = new double[N];
        private int qi;
        private int ni;
        private int rri;
        private double detThresh;
        private double lastSlope;
        private long lastR = Long.MIN_VALUE / 4;
        private boolean hasLastR;
        private long lastActivity;
        private long learnStart;
        private long learnEnd;
        private long quietSince = -1;
        // the held peak (pre-blanking)
        private boolean held;
        private long heldR;
        private double heldI;
        private double heldS;
        private boolean heldBaselineShift;
        private long holdUntil;
        // search-back candidate
        private double sbPeak;
        private long sbR;
        private double sbS;
        // learning-phase candidates
        private final long[] poolR = new long[POOL];
        private final long[] poolNow = new long[POOL];
        private final double[] poolI = new double[POOL];
        private final double[] poolS = new double[POOL];
        private final long[] poolBls = new long[POOL];
        private int poolN;

        Stream(double fs, RPeakListener listener) {
            super(fs, listener, 5, 15, 80, false, 95, 75, 1e-9);
            this.preBlank = ms(200);
            this.refractory = ms(200);
            this.tWave = ms(360);
            this.learnSamples = Math.round(2 * fs);
            this.relearnSamples = Math.round(8 * fs);
            this.gapRelearn = Math.round(fs);
            startLearning(0);
        }

        @Override
        public String name() {
            return NAME;
        }

        @Override
        protected long configHash() {
            return 31 * frontEndHash() + Objects.hash(TH, preBlank, refractory, tWave, learnSamples);
        }

        private void startLearning(long now) {
            learning = true;
            learnStart = now;
            learnEnd = now + learnSamples;
            resetLearningStats();
            poolN = 0;
            held = false;
            sbPeak = 0;
            nextEvent = learnEnd;
        }

        private boolean baselineShift() {
            double max = candDerMax;
            double min = -candDerMin;
            return !(max > min / 8 && min > max / 8 && Math.abs(candDerMaxPos - candDerMinPos) < ms(150));
        }

        @Override
        protected void onCandidate(long r, double peakI, double peakF, double slope, long now) {
            boolean bls = baselineShift();
            if (learning) {
                if (poolN == POOL) {
                    System.arraycopy(poolR, 1, poolR, 0, POOL - 1);
                    System.arraycopy(poolNow, 1, poolNow, 0, POOL - 1);
                    System.arraycopy(poolI, 1, poolI, 0, POOL - 1);
                    System.arraycopy(poolS, 1, poolS, 0, POOL - 1);
                    System.arraycopy(poolBls, 1, poolBls, 0, POOL - 1);
                    poolN--;
                }
                poolR[poolN] = r;
                poolNow[poolN] = now;
                poolI[poolN] = peakI;
                poolS[poolN] = slope;
                poolBls[poolN] = bls ? 1 : 0;
                poolN++;
                return;
            }
            hold(r, peakI, slope, bls, now);
            schedule(now);
        }

        /** OSEA's pre-blanking: keep a peak 200 ms in case a larger one follows. */
        private void hold(long r, double peakI, double slope, boolean bls, long now) {
            releaseHeld(now);
            if (!held || peakI > heldI) {
                held = true;
                heldR = r;
                heldI = peakI;
                heldS = slope;
                heldBaselineShift = bls;
                holdUntil = now + preBlank;
            }
        }

        private void releaseHeld(long now) {
            if (held && now >= holdUntil) {
                held = false;
                classify(heldR, heldI, heldS, heldBaselineShift, now);
            }
        }

        private void classify(long r, double peak, double slope, boolean bls, long now) {
            if (bls || (hasLastR && r - lastR < refractory)) {
                return;
            }
            if (peak > detThresh && !(hasLastR && r - lastR < tWave && slope < 0.5 * lastSlope)) {
                qrs(r, peak, slope, now);
            } else {
                noiseBuf[ni] = peak;
                ni = (ni + 1) % N;
                detThresh = threshold();
                if (peak > sbPeak && (!hasLastR || r - lastR >= tWave)) {
                    sbPeak = peak;
                    sbR = r;
                    sbS = slope;
                }
            }
        }

        private void qrs(long r, double peak, double slope, long now) {
            qrsBuf[qi] = peak;
            qi = (qi + 1) % N;
            if (hasLastR) {
                rrBuf[rri] = r - lastR;
                rri = (rri + 1) % N;
            }
            detThresh = threshold();
            lastR = r;
            hasLastR = true;
            lastSlope = slope;
            lastActivity = now;
            sbPeak = 0;
            emit(r);
        }

        private double threshold() {
            double q = 0;
            double n = 0;
            for (int i = 0; i < N; i++) {
                q += qrsBuf[i];
                n += noiseBuf[i];
            }
            q /= N;
            n /= N;
            return n + TH * (q - n);
        }

        private double rrMean() {
            double s = 0;
            for (double v : rrBuf) {
                s += v;
            }
            return s / N;
        }

        private long searchBackAt() {
            return (hasLastR ? lastR : learnEnd) + Math.round(1.5 * rrMean());
        }

        private void searchBack(long now) {
            if (now > searchBackAt() && sbPeak > 0.5 * detThresh && !(held && heldR > sbR)) {
                qrs(sbR, sbPeak, sbS, now);
            }
        }

        private void endLearning(long now, boolean atEnd) {
            if (!(learnMaxI > 1e-9) || poolN == 0) {
                if (quietSince < 0) {
                    quietSince = learnStart;
                }
                if (!atEnd) {
                    startLearning(now);
                }
                return;
            }
            if (quietSince >= 0) {
                note(new RPeaks.Note(quietSince, learnStart, RPeaks.Kind.NO_ACTIVITY,
                        "no QRS-like activity; thresholds could not be learned"));
                quietSince = -1;
            }
            if (atEnd && now - learnStart < learnSamples) {
                note(new RPeaks.Note(learnStart, now, RPeaks.Kind.SHORT_INPUT, String.format(
                        "input ended %.2f s into the 2 s learning phase; thresholds learned from what was seen",
                        (now - learnStart) / fs)));
            }
            // OSEA: QRS buffer from the largest peak of each initial second, noise 0, RR mean 1 s
            long secLen = Math.round(fs);
            double[] perSecond = qrsBuf;
            java.util.Arrays.fill(perSecond, 0);
            int seconds = (int) Math.max(1, (now - learnStart + secLen - 1) / secLen);
            for (int k = 0; k < poolN; k++) {
                int s = (int) Math.min(seconds - 1, Math.max(0, (poolR[k] - learnStart) / secLen));
                perSecond[s % N] = Math.max(perSecond[s % N], poolI[k]);
            }
            double m = 0;
            int filled = 0;
            for (int s = 0; s < Math.min(seconds, N); s++) {
                if (perSecond[s] > 0) {
                    m += perSecond[s];
                    filled++;
                }
            }
            m = filled > 0 ? m / filled : learnMaxI;
            java.util.Arrays.fill(qrsBuf, m);
            java.util.Arrays.fill(noiseBuf, 0);
            java.util.Arrays.fill(rrBuf, fs);
            qi = ni = rri = 0;
            detThresh = threshold();
            learning = false;
            lastActivity = now;
            held = false;
            sbPeak = 0;
            for (int k = 0; k < poolN; k++) {
                hold(poolR[k], poolI[k], poolS[k], poolBls[k] != 0, poolNow[k]);
            }
            poolN = 0;
            releaseHeld(now);
            schedule(now);
        }

        private void schedule(long now) {
            if (learning) {
                nextEvent = learnEnd;
                return;
            }
            long next = lastActivity + relearnSamples + 1;
            if (held) {
                next = Math.min(next, Math.max(now + 1, holdUntil));
            }
            long sb = searchBackAt() + 1;
            if (sb > now) {
                next = Math.min(next, sb);
            } else if (sbPeak > 0) {
                next = Math.min(next, now + 1);
            }
            nextEvent = next;
        }

        @Override
        protected void onTimer(long now) {
            if (learning) {
                if (now >= learnEnd) {
                    endLearning(now, false);
                }
                return;
            }
            releaseHeld(now);
            searchBack(now);
            if (now - lastActivity > relearnSamples) {
                startLearning(now);
                return;
            }
            schedule(now);
        }

        @Override
        protected void onGapEnd(long now, long gapLength) {
            if (gapLength >= gapRelearn) {
                startLearning(now);
            }
        }

        @Override
        protected void onFinish(long end) {
            if (learning) {
                if (learnN > 0) {
                    endLearning(end, true);
                }
            }
            if (!learning) {
                if (held) {
                    held = false;
                    classify(heldR, heldI, heldS, heldBaselineShift, end);
                }
                searchBack(end);
            }
            if (quietSince >= 0) {
                note(new RPeaks.Note(quietSince, end, RPeaks.Kind.NO_ACTIVITY,
                        "no QRS-like activity; thresholds could not be learned"));
                quietSince = -1;
            }
        }

        @Override
        protected void packRules(Packer out) {
            out.d(qrsBuf).d(noiseBuf).d(rrBuf).d(detThresh).d(lastSlope).d(heldI).d(heldS).d(sbPeak).d(sbS)
                    .d(poolI).d(poolS);
            out.l(qi).l(ni).l(rri).l(lastR).b(hasLastR).l(lastActivity).l(learnStart).l(learnEnd).l(quietSince)
                    .b(held).l(heldR).b(heldBaselineShift).l(holdUntil).l(sbR).l(poolR).l(poolNow).l(poolBls)
                    .l(poolN);
        }

        @Override
        protected void unpackRules(Unpacker in) {
            in.d(qrsBuf);
            in.d(noiseBuf);
            in.d(rrBuf);
            detThresh = in.d();
            lastSlope = in.d();
            heldI = in.d();
            heldS = in.d();
            sbPeak = in.d();
            sbS = in.d();
            in.d(poolI);
            in.d(poolS);
            qi = (int) in.l();
            ni = (int) in.l();
            rri = (int) in.l();
            lastR = in.l();
            hasLastR = in.b();
            lastActivity = in.l();
            learnStart = in.l();
            learnEnd = in.l();
            quietSince = in.l();
            held = in.b();
            heldR = in.l();
            heldBaselineShift = in.b();
            holdUntil = in.l();
            sbR = in.l();
            in.l(poolR);
            in.l(poolNow);
            in.l(poolBls);
            poolN = (int) in.l();
        }
    }
}
