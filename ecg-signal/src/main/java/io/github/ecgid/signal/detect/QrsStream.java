package io.github.ecgid.signal.detect;

import io.github.ecgid.core.EcgSignalException;
import io.github.ecgid.signal.filter.Butterworth;
import io.github.ecgid.signal.filter.Sos;
import java.util.Arrays;
import java.util.Objects;

/**
 * The shared causal front end of the QRS detectors: band-pass, 5-point derivative, squaring (or absolute
 * value), moving-window integration, a peak finder on the integrated signal, and the bookkeeping that keeps
 * enough recent history (a fixed ring of about half a second) to measure each candidate on the band-passed
 * signal and to place it on the clean ECG. Subclasses hold the decision rules.
 *
 * <p>Everything is per sample with fixed-size state, so the cost is O(n) and the memory bounded whatever the
 * input, and any chunking of the input gives identical results.
 */
abstract class QrsStream implements StreamingRPeakDetector {

    static final double MIN_RATE_HZ = 100.0;
    static final double MAX_RATE_HZ = 2000.0;
    private static final int MAX_NOTES = 200;
    private static final long SUM_REFRESH_MASK = (1L << 20) - 1;

    // ---- configuration
    protected final double fs;
    private final RPeakListener listener;
    private final Sos sos;
    // the two sections' coefficients b0 b1 b2 a1 a2 (high-pass, then low-pass)
    private final double c0;
    private final double c1;
    private final double c2;
    private final double c3;
    private final double c4;
    private final double c5;
    private final double c6;
    private final double c7;
    private final double c8;
    private final double c9;
    private final double[] one = new double[1];
    private final int mask;
    private final int ringSize;
    protected final int win;
    private final double invWin;
    private final boolean squared;
    private final double derivScale;
    private final int peakTimeout;
    private final int bpDelay;
    private final int refineHalf;
    private final int baselineHalf;
    private final int flatMin;
    private final double minPeak;

    // ---- front-end state
    protected long pos;
    private double z0;
    private double z1;
    private double z2;
    private double z3;
    private final double[] raw;
    private final double[] bp;
    private final double[] feat;
    private double sum;
    private double lastMwi;
    private double pkMax;
    private long pkPos;
    private long timeSinceMax;
    private long segStart;
    private boolean inGap = true;
    private long gapStart;
    private double lastX = Double.NaN;
    private long flatRun;
    private boolean finished;
    private long notesEmitted;
    private long notesSuppressed;

    // ---- learning-phase statistics (used by subclasses)
    protected boolean learning = true;
    protected double learnMaxI;
    protected double learnSumI;
    protected double learnMaxF;
    protected double learnSumF;
    protected long learnN;

    /** Next sample at which {@link #onTimer} must run. */
    protected long nextEvent;

    // ---- last candidate's measurements (valid inside onCandidate)
    protected double candDerMax;
    protected double candDerMin;
    protected long candDerMaxPos;
    protected long candDerMinPos;
    /** Position of the candidate's largest band-passed magnitude (valid inside onCandidate; not snapshotted). */
    protected long candBpPos;

    QrsStream(double fs, RPeakListener listener, double lowHz, double highHz, double integrationMs, boolean squared,
              double peakTimeoutMs, double refineMs, double minPeak) {
        checkRate(fs);
        this.fs = fs;
        this.listener = Objects.requireNonNull(listener, "listener");
        // the paper's separate stages: 2nd-order Butterworth high-pass, then 2nd-order Butterworth low-pass
        this.sos = Butterworth.highPass(2, fs, lowHz).then(Butterworth.lowPass(2, fs, highHz));
        double[][] sec = sos.sections();
        if (sec.length != 2) {
            throw new IllegalStateException("expected two sections, got " + sec.length);
        }
        c0 = sec[0][0];
        c1 = sec[0][1];
        c2 = sec[0][2];
        c3 = sec[0][4];
        c4 = sec[0][5];
        c5 = sec[1][0];
        c6 = sec[1][1];
        c7 = sec[1][2];
        c8 = sec[1][4];
        c9 = sec[1][5];
        this.win = Math.max(1, (int) Math.round(integrationMs * fs / 1000.0));
        this.invWin = 1.0 / win;
        this.squared = squared;
        this.derivScale = fs / 8.0;
        this.peakTimeout = ms(peakTimeoutMs);
        this.bpDelay = (int) Math.round(groupDelaySamples(sos.sections(), Math.sqrt(lowHz * highHz), fs));
        this.refineHalf = ms(refineMs);
        this.baselineHalf = ms(150);
        this.flatMin = ms(200);
        this.minPeak = minPeak;
        int history = peakTimeout + win + bpDelay + Math.max(refineHalf, baselineHalf) + 16;
        this.ringSize = Integer.highestOneBit(Math.max(16, history - 1)) << 1;
        this.mask = ringSize - 1;
        this.raw = new double[ringSize];
        this.bp = new double[ringSize];
        this.feat = new double[ringSize];
    }

    static void checkRate(double fs) {
        if (!(fs >= MIN_RATE_HZ && fs <= MAX_RATE_HZ)) {
            throw new EcgSignalException("R-peak detection supports sampling rates from " + MIN_RATE_HZ + " to "
                    + MAX_RATE_HZ + " Hz, got " + fs + " Hz; resample the signal first");
        }
    }

    /** Milliseconds to samples at this detector's rate (at least 1). */
    protected final int ms(double millis) {
        return Math.max(1, (int) Math.round(millis * fs / 1000.0));
    }

    @Override
    public final double samplingRateHz() {
        return fs;
    }

    @Override
    public final long samplesConsumed() {
        return pos;
    }

    @Override
    public final void accept(double[] samplesMv, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, samplesMv.length);
        if (finished) {
            throw new IllegalStateException(name() + " detector: accept after finish()");
        }
        run(samplesMv, offset, offset + length);
    }

    @Override
    public final void accept(double sampleMv) {
        one[0] = sampleMv;
        accept(one, 0, 1);
    }

    /**
     * The per-sample pipeline. State lives in locals inside the loop (so the JIT keeps it in registers) and is
     * written back to fields around the rare events: a non-finite sample, the end of a gap or flat stretch,
     * the learning phase, a confirmed peak of the integrated signal, a timer.
     */
    private void run(double[] in, int from, int to) {
        final double[] rawR = raw;
        final double[] bpR = bp;
        final double[] featR = feat;
        final int m = mask;
        final int w = win;
        final double iw = invWin;
        final double ds = derivScale;
        final boolean sq = squared;
        final long timeout = peakTimeout;
        final double floor = minPeak;
        final double a0 = c0;
        final double a1 = c1;
        final double a2 = c2;
        final double a3 = c3;
        final double a4 = c4;
        final double a5 = c5;
        final double a6 = c6;
        final double a7 = c7;
        final double a8 = c8;
        final double a9 = c9;
        double s0 = z0;
        double s1 = z1;
        double s2 = z2;
        double s3 = z3;
        double sm = sum;
        double last = lastMwi;
        double pk = pkMax;
        long pkAt = pkPos;
        long since = timeSinceMax;
        double lx = lastX;
        long flat = flatRun;
        long next = nextEvent;
        long p = pos;
        for (int k = from; k < to; k++, p++) {
            final double x = in[k];
            final boolean same = x == lx;
            if (!Double.isFinite(x) || inGap || learning || (!same && flat >= flatMin)) {
                // rare: spill, take the general path, reload
                z0 = s0; z1 = s1; z2 = s2; z3 = s3; sum = sm; lastMwi = last; pkMax = pk; pkPos = pkAt;
                timeSinceMax = since; lastX = lx; flatRun = flat; pos = p;
                slowStep(x);
                s0 = z0; s1 = z1; s2 = z2; s3 = z3; sm = sum; last = lastMwi; pk = pkMax; pkAt = pkPos;
                since = timeSinceMax; lx = lastX; flat = flatRun; next = nextEvent;
                continue;
            }
            if (same) {
                flat++;
            } else {
                flat = 0;
                lx = x;
            }
            // 2nd-order high-pass then 2nd-order low-pass, transposed direct form II
            double y = a0 * x + s0;
            s0 = a1 * x - a3 * y + s1;
            s1 = a2 * x - a4 * y;
            double v = a5 * y + s2;
            s2 = a6 * y - a8 * v + s3;
            s3 = a7 * y - a9 * v;
            final int ri = (int) p & m;
            rawR[ri] = x;
            bpR[ri] = v;
            double d = (2.0 * v + bpR[(ri - 1) & m] - bpR[(ri - 3) & m] - 2.0 * bpR[(ri - 4) & m]) * ds;
            double f = sq ? d * d : Math.abs(d);
            sm += f - featR[(ri - w) & m];
            featR[ri] = f;
            if ((p & SUM_REFRESH_MASK) == 0) {
                sm = windowSum(ri);
            }
            double mwi = sm * iw;
            if (since > 0) {
                since++;
            }
            boolean confirm = false;
            if (mwi > last && mwi > pk) {
                pk = mwi;
                pkAt = p;
                since = 1;
            } else if (pk > floor && (mwi < 0.5 * pk || since > timeout)) {
                confirm = true;
            }
            last = mwi;
            if (confirm || p >= next) {
                z0 = s0; z1 = s1; z2 = s2; z3 = s3; sum = sm; lastMwi = last; pkMax = pk; pkPos = pkAt;
                timeSinceMax = since; lastX = lx; flatRun = flat; pos = p;
                if (confirm) {
                    double peak = pkMax;
                    pkMax = 0;
                    timeSinceMax = 0;
                    declare(pkPos, peak, p);
                }
                if (p >= nextEvent) {
                    onTimer(p);
                }
                pk = pkMax; since = timeSinceMax; next = nextEvent;
            }
        }
        z0 = s0; z1 = s1; z2 = s2; z3 = s3; sum = sm; lastMwi = last; pkMax = pk; pkPos = pkAt;
        timeSinceMax = since; lastX = lx; flatRun = flat; pos = p;
    }

    /** The general per-sample path with all state in fields (same arithmetic as {@link #run}). */
    private void slowStep(double x) {
        final long p = pos;
        final int ri = (int) p & mask;
        if (!Double.isFinite(x)) {
            gapSample(p);
            if (p >= nextEvent) {
                onTimer(p);
            }
            pos = p + 1;
            return;
        }
        if (inGap) {
            endGap(p, x);
        }
        if (x == lastX) {
            flatRun++;
        } else {
            if (flatRun >= flatMin) {
                noteFlat(p);
            }
            flatRun = 0;
            lastX = x;
        }
        double y = c0 * x + z0;
        z0 = c1 * x - c3 * y + z1;
        z1 = c2 * x - c4 * y;
        double v = c5 * y + z2;
        z2 = c6 * y - c8 * v + z3;
        z3 = c7 * y - c9 * v;
        raw[ri] = x;
        bp[ri] = v;
        double d = (2.0 * v + bp[(ri - 1) & mask] - bp[(ri - 3) & mask] - 2.0 * bp[(ri - 4) & mask]) * derivScale;
        double f = squared ? d * d : Math.abs(d);
        sum += f - feat[(ri - win) & mask];
        feat[ri] = f;
        if ((p & SUM_REFRESH_MASK) == 0) {
            sum = windowSum(ri);
        }
        double mwi = sum * invWin;
        if (learning) {
            learnN++;
            learnSumI += mwi;
            if (mwi > learnMaxI) {
                learnMaxI = mwi;
            }
            double a = Math.abs(v);
            learnSumF += a;
            if (a > learnMaxF) {
                learnMaxF = a;
            }
        }
        if (timeSinceMax > 0) {
            timeSinceMax++;
        }
        if (mwi > lastMwi && mwi > pkMax) {
            pkMax = mwi;
            pkPos = p;
            timeSinceMax = 1;
        } else if (pkMax > minPeak && (mwi < 0.5 * pkMax || timeSinceMax > peakTimeout)) {
            double peak = pkMax;
            pkMax = 0;
            timeSinceMax = 0;
            declare(pkPos, peak, p);
        }
        lastMwi = mwi;
        if (p >= nextEvent) {
            onTimer(p);
        }
        pos = p + 1;
    }

    private double windowSum(int ri) {
        double s = 0;
        for (int k = 0; k < win; k++) {
            s += feat[(ri - k) & mask];
        }
        return s;
    }

    private void gapSample(long p) {
        if (!inGap) {
            inGap = true;
            gapStart = p;
            if (flatRun >= flatMin) {
                noteFlat(p);
            }
            flatRun = 0;
            pkMax = 0;
            timeSinceMax = 0;
        }
    }

    /** The first finite sample after a non-finite stretch (or at the start): restart the filters on it. */
    private void endGap(long p, double x) {
        inGap = false;
        long gapLength = p - gapStart;
        if (gapLength > 0) {
            note(new RPeaks.Note(gapStart, p, RPeaks.Kind.NON_FINITE,
                    gapLength + " non-finite samples (NaN/Inf) skipped; filters restarted"));
        }
        // steady state for a constant input x: no start-up transient (a band-pass settles at 0)
        double g1 = (c0 + c1 + c2) / (1.0 + c3 + c4);
        double y1 = g1 * x;
        z0 = y1 - c0 * x;
        z1 = c2 * x - c4 * y1;
        double g2 = (c5 + c6 + c7) / (1.0 + c8 + c9);
        double y2 = g2 * y1;
        z2 = y2 - c5 * y1;
        z3 = c7 * y1 - c9 * y2;
        for (int k = 1; k <= Math.min(ringSize, win + 4); k++) {
            int i = (int) (p - k) & mask;
            bp[i] = 0;
            feat[i] = 0;
            raw[i] = x;
        }
        sum = 0;
        lastMwi = 0;
        pkMax = 0;
        timeSinceMax = 0;
        segStart = p;
        lastX = x;
        flatRun = 0;
        if (gapLength > 0) {
            onGapEnd(p, gapLength);
        }
    }

    private void noteFlat(long end) {
        long start = end - flatRun - 1;
        note(new RPeaks.Note(start, end, RPeaks.Kind.FLAT_OR_SATURATED,
                String.format("%.2f s of identical samples (flat line, lead off or saturation)",
                        (end - start) / fs)));
    }

    /** Measures the candidate whose integrated peak is at {@code peakPos} and passes it to the rules. */
    private void declare(long peakPos, double peakI, long now) {
        long lo = Math.max(segStart, now - ringSize + 5);
        long from = Math.max(lo, peakPos - win - 2);
        double peakF = 0;
        long qrsF = peakPos;
        double slope = 0;
        double dMax = 0;
        double dMin = 0;
        long dMaxPos = peakPos;
        long dMinPos = peakPos;
        for (long t = from; t <= peakPos; t++) {
            int i = (int) t & mask;
            double a = Math.abs(bp[i]);
            if (a > peakF) {
                peakF = a;
                qrsF = t;
            }
            double d = (2.0 * bp[i] + bp[(i - 1) & mask] - bp[(i - 3) & mask] - 2.0 * bp[(i - 4) & mask])
                    * derivScale;
            if (d > dMax) {
                dMax = d;
                dMaxPos = t;
            } else if (d < dMin) {
                dMin = d;
                dMinPos = t;
            }
        }
        slope = Math.max(dMax, -dMin);
        candDerMax = dMax;
        candDerMin = dMin;
        candDerMaxPos = dMaxPos;
        candDerMinPos = dMinPos;
        candBpPos = qrsF;
        long r = refine(Math.max(lo, Math.min(now, qrsF - bpDelay)), lo, now);
        onCandidate(r, peakI, peakF, slope, now);
    }

    /**
     * The R position on the input signal: the largest deviation from the local mean within the refine window
     * around the band-pass estimate, so an inverted (QS) complex is placed on its negative peak.
     */
    private long refine(long est, long lo, long hi) {
        long b0 = Math.max(lo, est - baselineHalf);
        long b1 = Math.min(hi, est + baselineHalf);
        double mean = 0;
        for (long t = b0; t <= b1; t++) {
            mean += raw[(int) t & mask];
        }
        mean /= (b1 - b0 + 1);
        long r0 = Math.max(lo, est - refineHalf);
        long r1 = Math.min(hi, est + refineHalf);
        long best = est;
        double bestDev = -1;
        for (long t = r0; t <= r1; t++) {
            double dev = Math.abs(raw[(int) t & mask] - mean);
            if (dev > bestDev) {
                bestDev = dev;
                best = t;
            }
        }
        return best;
    }

    /**
     * The band-passed signal at sample {@code t}, which must lie in the recent history ring (the last
     * {@link #historySamples()} samples, and not before the current segment's start); 0 outside it.
     */
    protected final double bandPassed(long t) {
        if (t > pos || t < segStart || pos - t >= ringSize - 4) {
            return 0;
        }
        return bp[(int) t & mask];
    }

    /** How many past samples of the band-passed signal {@link #bandPassed} can still read. */
    protected final int historySamples() {
        return ringSize - 4;
    }

    /** Reports a confirmed R-peak. */
    protected final void emit(long r) {
        listener.onPeak(r);
    }

    /** Reports a note (the first {@value #MAX_NOTES}; the rest are counted). */
    protected final void note(RPeaks.Note n) {
        if (notesEmitted < MAX_NOTES) {
            notesEmitted++;
            listener.onNote(n);
        } else {
            notesSuppressed++;
        }
    }

    protected final void resetLearningStats() {
        learnMaxI = 0;
        learnSumI = 0;
        learnMaxF = 0;
        learnSumF = 0;
        learnN = 0;
    }

    @Override
    public final void finish() {
        if (finished) {
            return;
        }
        long p = pos;
        if (inGap && p > gapStart) {
            note(new RPeaks.Note(gapStart, p, RPeaks.Kind.NON_FINITE,
                    (p - gapStart) + " non-finite samples (NaN/Inf) at the end skipped"));
        }
        if (!inGap && flatRun >= flatMin) {
            noteFlat(p);
        }
        if (!inGap && pkMax > minPeak) {
            double peak = pkMax;
            pkMax = 0;
            declare(pkPos, peak, p - 1);
        }
        onFinish(p);
        if (notesSuppressed > 0) {
            listener.onNote(new RPeaks.Note(0, p, RPeaks.Kind.NOTES_TRUNCATED,
                    notesSuppressed + " further notes not listed"));
        }
        finished = true;
    }

    /** Group delay in samples of second-order sections {@code [b0 b1 b2 1 a1 a2]} at {@code fHz}. */
    static double groupDelaySamples(double[][] sections, double fHz, double fs) {
        double w = 2.0 * Math.PI * fHz / fs;
        double dw = 1e-4;
        double diff = phase(sections, w + dw) - phase(sections, w - dw);
        while (diff > Math.PI) {
            diff -= 2 * Math.PI;
        }
        while (diff <= -Math.PI) {
            diff += 2 * Math.PI;
        }
        return -diff / (2 * dw);
    }

    private static double phase(double[][] sections, double w) {
        double total = 0;
        for (double[] c : sections) {
            double nr = c[0] + c[1] * Math.cos(w) + c[2] * Math.cos(2 * w);
            double ni = -c[1] * Math.sin(w) - c[2] * Math.sin(2 * w);
            double dr = c[3] + c[4] * Math.cos(w) + c[5] * Math.cos(2 * w);
            double di = -c[4] * Math.sin(w) - c[5] * Math.sin(2 * w);
            total += Math.atan2(ni, nr) - Math.atan2(di, dr);
        }
        return total;
    }

    // ---- subclass hooks

    /** A candidate QRS: R position on the input, integrated peak, band-passed peak, and maximal slope. */
    protected abstract void onCandidate(long r, double peakI, double peakF, double slope, long now);

    /** Runs when {@code now >= nextEvent}. */
    protected abstract void onTimer(long now);

    /** The signal resumed after {@code gapLength} non-finite samples. */
    protected abstract void onGapEnd(long now, long gapLength);

    /** End of input at sample {@code end}. */
    protected abstract void onFinish(long end);

    protected abstract void packRules(Packer out);

    protected abstract void unpackRules(Unpacker in);

    /** Fingerprint of everything that must match for a snapshot to be restorable. */
    protected abstract long configHash();

    protected final long frontEndHash() {
        return Objects.hash(name(), fs, Arrays.deepHashCode(sos.sections()), win, squared, peakTimeout, bpDelay,
                refineHalf, baselineHalf, flatMin, minPeak, ringSize);
    }

    // ---- snapshot

    @Override
    public final DetectorSnapshot snapshot() {
        Packer out = new Packer();
        out.d(sum).d(lastMwi).d(pkMax).d(lastX).d(learnMaxI).d(learnSumI).d(learnMaxF).d(learnSumF);
        out.d(candDerMax).d(candDerMin);
        out.d(z0).d(z1).d(z2).d(z3).d(raw).d(bp).d(feat);
        out.l(pos).l(pkPos).l(timeSinceMax).l(segStart).b(inGap).l(gapStart).l(flatRun).b(finished)
                .l(notesEmitted).l(notesSuppressed).l(learnN).b(learning).l(nextEvent).l(candDerMaxPos)
                .l(candDerMinPos);
        packRules(out);
        return new DetectorSnapshot(name(), configHash(), pos, out.doubles(), out.longs());
    }

    @Override
    public final void restore(DetectorSnapshot s) {
        if (!s.detector().equals(name()) || s.configHash() != configHash()) {
            throw new IllegalArgumentException("Snapshot of " + s.detector() + " (config " + s.configHash()
                    + ") cannot be restored into " + name() + " at " + fs + " Hz (config " + configHash() + ")");
        }
        Unpacker in = new Unpacker(s.values(), s.counters());
        sum = in.d();
        lastMwi = in.d();
        pkMax = in.d();
        lastX = in.d();
        learnMaxI = in.d();
        learnSumI = in.d();
        learnMaxF = in.d();
        learnSumF = in.d();
        candDerMax = in.d();
        candDerMin = in.d();
        z0 = in.d();
        z1 = in.d();
        z2 = in.d();
        z3 = in.d();
        in.d(raw);
        in.d(bp);
        in.d(feat);
        pos = in.l();
        pkPos = in.l();
        timeSinceMax = in.l();
        segStart = in.l();
        inGap = in.b();
        gapStart = in.l();
        flatRun = in.l();
        finished = in.b();
        notesEmitted = in.l();
        notesSuppressed = in.l();
        learnN = in.l();
        learning = in.b();
        nextEvent = in.l();
        candDerMaxPos = in.l();
        candDerMinPos = in.l();
        unpackRules(in);
        in.end();
    }

    /** Appends state values in order. */
    static final class Packer {
        private double[] ds = new double[64];
        private int dn;
        private long[] ls = new long[64];
        private int ln;

        Packer d(double v) {
            if (dn == ds.length) {
                ds = Arrays.copyOf(ds, dn * 2);
            }
            ds[dn++] = v;
            return this;
        }

        Packer d(double[] v) {
            for (double x : v) {
                d(x);
            }
            return this;
        }

        Packer l(long v) {
            if (ln == ls.length) {
                ls = Arrays.copyOf(ls, ln * 2);
            }
            ls[ln++] = v;
            return this;
        }

        Packer l(long[] v) {
            for (long x : v) {
                l(x);
            }
            return this;
        }

        Packer b(boolean v) {
            return l(v ? 1 : 0);
        }

        double[] doubles() {
            return Arrays.copyOf(ds, dn);
        }

        long[] longs() {
            return Arrays.copyOf(ls, ln);
        }
    }

    /** Reads state values in the order they were packed. */
    static final class Unpacker {
        private final double[] ds;
        private final long[] ls;
        private int di;
        private int li;

        Unpacker(double[] ds, long[] ls) {
            this.ds = ds;
            this.ls = ls;
        }

        double d() {
            check(di < ds.length);
            return ds[di++];
        }

        void d(double[] dest) {
            check(di + dest.length <= ds.length);
            System.arraycopy(ds, di, dest, 0, dest.length);
            di += dest.length;
        }

        long l() {
            check(li < ls.length);
            return ls[li++];
        }

        void l(long[] dest) {
            check(li + dest.length <= ls.length);
            System.arraycopy(ls, li, dest, 0, dest.length);
            li += dest.length;
        }

        boolean b() {
            return l() != 0;
        }

        void end() {
            check(di == ds.length && li == ls.length);
        }

        private static void check(boolean ok) {
            if (!ok) {
                throw new IllegalArgumentException("Snapshot has the wrong size for this detector");
            }
        }
    }
}
