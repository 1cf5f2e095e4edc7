package io.github.ecgid.signal.detect;

import io.github.ecgid.core.EcgSignalException;
import io.github.ecgid.signal.filter.Butterworth;
import io.github.ecgid.signal.filter.Sos;
import io.github.ecgid.signal.filter.StreamingFilter;
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
    private final StreamingFilter filter;
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
    private final double[] raw;
    private final double[] bp;
    private final double[] der;
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

    QrsStream(double fs, RPeakListener listener, double lowHz, double highHz, double integrationMs, boolean squared,
              double peakTimeoutMs, double refineMs, double minPeak) {
        checkRate(fs);
        this.fs = fs;
        this.listener = Objects.requireNonNull(listener, "listener");
        // the paper's separate stages: 2nd-order Butterworth high-pass, then 2nd-order Butterworth low-pass
        this.sos = Butterworth.highPass(2, fs, lowHz).then(Butterworth.lowPass(2, fs, highHz));
        this.filter = sos.newStreamingFilter();
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
        this.der = new double[ringSize];
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
        for (int k = offset, end = offset + length; k < end; k++) {
            step(samplesMv[k]);
        }
    }

    @Override
    public final void accept(double sampleMv) {
        if (finished) {
            throw new IllegalStateException(name() + " detector: accept after finish()");
        }
        step(sampleMv);
    }

    private void step(double x) {
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
        double v = filter.filter(x);
        raw[ri] = x;
        bp[ri] = v;
        double d = (2.0 * v + bp[(ri - 1) & mask] - bp[(ri - 3) & mask] - 2.0 * bp[(ri - 4) & mask]) * derivScale;
        der[ri] = d;
        double f = squared ? d * d : Math.abs(d);
        sum += f - feat[(ri - win) & mask];
        feat[ri] = f;
        if ((p & SUM_REFRESH_MASK) == 0) {
            refreshSum(ri);
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
        // peak finder on the integrated signal (Hamilton's OSEA rule): a rising maximum is confirmed when the
        // signal falls below half of it or stays below it for the timeout
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

    private void refreshSum(int ri) {
        double s = 0;
        for (int k = 0; k < win; k++) {
            s += feat[(ri - k) & mask];
        }
        sum = s;
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
        filter.primeWith(x);
        for (int k = 1; k <= Math.min(ringSize, win + 4); k++) {
            int i = (int) (p - k) & mask;
            bp[i] = 0;
            der[i] = 0;
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
        long lo = Math.max(segStart, now - ringSize + 1);
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
            double d = der[i];
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
        return Objects.hash(name(), fs, Arrays.deepHashCode(sos.sections()), win, squared, peakTimeout, bpDelay, refineHalf,
                baselineHalf, flatMin, minPeak, ringSize);
    }

    // ---- snapshot

    @Override
    public final DetectorSnapshot snapshot() {
        Packer out = new Packer();
        out.d(sum).d(lastMwi).d(pkMax).d(lastX).d(learnMaxI).d(learnSumI).d(learnMaxF).d(learnSumF);
        out.d(candDerMax).d(candDerMin);
        out.d(filter.snapshot()).d(raw).d(bp).d(der).d(feat);
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
        double[] zs = filter.snapshot();
        in.d(zs);
        filter.restore(zs);
        in.d(raw);
        in.d(bp);
        in.d(der);
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
