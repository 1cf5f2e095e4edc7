package io.github.ecgid.signal.detect;

/**
 * The part of Pan-Tompkins' decision rules that {@link PanTompkins} and {@link RobustQrs} share, on top of the
 * {@link QrsStream} front end: the learning phase (restarted after 8 s without a QRS or a non-finite gap of at
 * least 1 s) and its notes, the integrated signal and noise levels SPKI/NPKI it seeds, the refractory period, the
 * T-wave slope rule, and the last accepted QRS. Subclasses hold the rest of their rules (thresholds on further
 * signals, RR averages, search-back, look-ahead) and call these pieces in the order their algorithm needs.
 *
 * <p>Snapshot layout: this class packs SPKI and NPKI first among the rule values and the last QRS and
 * learning-phase positions first among the rule counters ({@link #packRules}), the layout both detectors had
 * before this class existed; {@link #lastSlope} stays where each subclass packed it.
 */
abstract class ThresholdStream extends QrsStream {

    private static final String NO_ACTIVITY = "no QRS-like activity; thresholds could not be learned";

    protected final long refractory;
    protected final long tWave;
    protected final long learnSamples;
    protected final long relearnSamples;
    protected final long gapRelearn;

    /** Signal level of the integrated signal (SPKI). */
    protected double spki;
    /** Noise level of the integrated signal (NPKI). */
    protected double npki;
    /** Maximal slope of the last QRS (for the T-wave rule); packed by the subclass. */
    protected double lastSlope;
    protected long lastR = Long.MIN_VALUE / 4;
    protected boolean hasLastR;
    protected long learnStart;
    protected long learnEnd;
    protected long lastActivity;
    private long quietSince = -1;
    private final String name;

    ThresholdStream(String name, double fs, RPeakListener listener, double lowHz, double highHz, double integrationMs,
                    double refineMs, double refractoryMs, double tWaveMs, double learningSeconds) {
        super(fs, listener, lowHz, highHz, integrationMs, true, 95, refineMs, 1e-12);
        this.refractory = ms(refractoryMs);
        this.tWave = ms(tWaveMs);
        this.learnSamples = Math.round(learningSeconds * fs);
        this.relearnSamples = Math.round(8 * fs);
        this.gapRelearn = Math.round(fs);
        this.name = name;
    }

    @Override
    public final String name() {
        return name;
    }

    /** Starts a learning phase at {@code now}; {@link #clearRules} resets the subclass's own state. */
    protected final void startLearning(long now) {
        learning = true;
        learnStart = now;
        learnEnd = now + learnSamples;
        resetLearningStats();
        clearRules();
        nextEvent = learnEnd;
    }

    /** Resets the subclass's rule state at the start of a learning phase. */
    protected abstract void clearRules();

    /** The learning phase's length as the short-input note words it. */
    protected String learningLength() {
        return String.format("%.1f s", learnSamples / fs);
    }

    /**
     * Ends the learning phase at {@code now}: seeds SPKI/NPKI from its statistics and reports the notes. Returns
     * false when nothing QRS-like was seen; the phase then starts again unless {@code atEnd}.
     */
    protected final boolean learnThresholds(long now, boolean atEnd) {
        if (!(learnMaxI > 1e-12) || learnN == 0) {
            if (quietSince < 0) {
                quietSince = learnStart;
            }
            if (!atEnd) {
                startLearning(now);
            }
            return false;
        }
        if (quietSince >= 0) {
            note(new RPeaks.Note(quietSince, learnStart, RPeaks.Kind.NO_ACTIVITY, NO_ACTIVITY));
            quietSince = -1;
        }
        if (atEnd && now - learnStart < learnSamples) {
            note(new RPeaks.Note(learnStart, now, RPeaks.Kind.SHORT_INPUT, String.format(
                    "input ended %.2f s into the %s learning phase; thresholds learned from what was seen",
                    (now - learnStart) / fs, learningLength())));
        }
        spki = learnMaxI / 3.0;
        npki = 0.5 * learnSumI / learnN;
        learning = false;
        lastActivity = now;
        return true;
    }

    /**
     * Ends the learning phase at {@code now} (its planned end, or {@code atEnd} the end of input): calls
     * {@link #learnThresholds} and, when that succeeds, seeds the subclass's own levels and decides what the
     * phase held.
     */
    protected abstract void endLearning(long now, boolean atEnd);

    /** A timer while learning ends the phase once it is due; true when the detector was learning. */
    protected final boolean learningTimer(long now) {
        if (!learning) {
            return false;
        }
        if (now >= learnEnd) {
            endLearning(now, false);
        }
        return true;
    }

    /** A non-finite gap of at least a second restarts the learning phase. */
    @Override
    protected final void onGapEnd(long now, long gapLength) {
        if (gapLength >= gapRelearn) {
            beforeRelearn(now);
            startLearning(now);
        }
    }

    /** Before a gap restarts the learning phase (default: nothing). */
    protected void beforeRelearn(long now) {
    }

    /**
     * End of input: a learning phase that saw samples ends with what it saw, then {@link #finishRules}, then the
     * note for a quiet stretch whose thresholds were never learned.
     */
    @Override
    protected final void onFinish(long end) {
        boolean wasLearning = learning;
        if (learning && learnN > 0) {
            endLearning(end, true);
        }
        finishRules(end, wasLearning);
        if (quietSince >= 0) {
            note(new RPeaks.Note(quietSince, end, RPeaks.Kind.NO_ACTIVITY, NO_ACTIVITY));
            quietSince = -1;
        }
    }

    /** The subclass's end of input, after the learning phase was ended ({@code wasLearning}: it was running). */
    protected abstract void finishRules(long end, boolean wasLearning);

    /** Within the refractory period of the last QRS (the same complex, or too soon for another). */
    protected final boolean inRefractory(long r) {
        return hasLastR && r - lastR < refractory;
    }

    /** Pan-Tompkins' T-wave rule: within the T-wave window of the last QRS with less than half its slope. */
    protected final boolean isTWave(long r, double slope) {
        return hasLastR && r - lastR < tWave && slope < 0.5 * lastSlope;
    }

    /** A noise peak of the integrated signal updates NPKI. */
    protected final void noiseI(double peakI) {
        npki = 0.125 * peakI + 0.875 * npki;
    }

    /** A QRS's integrated peak updates SPKI with {@code weight} (0.125, or 0.25 when found by search-back). */
    protected final void signalI(double peakI, double weight) {
        spki = weight * peakI + (1 - weight) * spki;
    }

    /** Records the accepted QRS at {@code r} as the last one and reports it. */
    protected final void accepted(long r, double slope, long now) {
        lastR = r;
        hasLastR = true;
        lastSlope = slope;
        lastActivity = now;
        emit(r);
    }

    /** The last QRS, or the end of the learning phase before the first one. */
    protected final long lastRef() {
        return hasLastR ? lastR : learnEnd;
    }

    @Override
    protected final void packRules(Packer out) {
        out.d(spki).d(npki);
        out.l(lastR).b(hasLastR).l(learnStart).l(learnEnd).l(lastActivity).l(quietSince);
        packMoreRules(out);
    }

    @Override
    protected final void unpackRules(Unpacker in) {
        spki = in.d();
        npki = in.d();
        lastR = in.l();
        hasLastR = in.b();
        learnStart = in.l();
        learnEnd = in.l();
        lastActivity = in.l();
        quietSince = in.l();
        unpackMoreRules(in);
    }

    /** The subclass's rule state, after this class's (doubles and counters each in their own order). */
    protected abstract void packMoreRules(Packer out);

    protected abstract void unpackMoreRules(Unpacker in);
}
