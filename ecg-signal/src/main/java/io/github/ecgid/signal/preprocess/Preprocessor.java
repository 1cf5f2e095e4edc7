package io.github.ecgid.signal.preprocess;

import io.github.ecgid.core.EcgRecord;
import io.github.ecgid.core.EcgSignalException;
import io.github.ecgid.signal.filter.Butterworth;
import io.github.ecgid.signal.filter.Notch;
import io.github.ecgid.signal.filter.RobustStats;
import io.github.ecgid.signal.filter.SamplingRates;
import io.github.ecgid.signal.filter.Sos;
import io.github.ecgid.signal.wavelet.WaveletDenoiser;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The offline ECG cleaning chain, by default exactly the seed system's: ADC counts to mV (only for
 * {@link #applyToAdcCounts}; gain 6, Vref 2.42 V), trim 1 s at each end, clip outliers at
 * median ± 5·1.4826·MAD, remove the mean, 50 Hz notch (Q 30), Butterworth band-pass 0.5-40 Hz order 4
 * (both zero-phase, as scipy's {@code sosfiltfilt}), db6 wavelet denoising ({@link WaveletDenoiser#seed()}).
 * Every step can be switched off or changed by name; the result keeps the mapping to the input indices.
 *
 * <pre>{@code
 * CleanSignal clean = Preprocessor.seed(250).apply(samplesMv);
 * int rInInput = clean.toOriginalIndex(rInClean);
 * Preprocessor us = Preprocessor.builder(360).notch(60).bandPass(0.5, 40, 4).noWavelet().build();
 * }</pre>
 *
 * <p>Non-finite samples: by default the call is rejected with a {@link SampleGapException} naming the first
 * bad index (only the kept, untrimmed part is checked); with {@link Builder#interpolateGapsUpTo(double)} runs
 * up to that length are linearly interpolated and reported in {@link CleanSignal#interpolatedGaps()}, longer
 * ones are still rejected. A flat line does not fail: it is reported by {@link CleanSignal#flatLine()}.
 * When the MAD is 0 (more than half the samples equal) clipping is skipped and noted, where the seed would
 * have flattened the whole signal. A notch at or above the Nyquist frequency (50 Hz at 100 Hz) is skipped
 * and noted.
 *
 * <p>Immutable and thread-safe; filters are designed once at build time.
 */
public final class Preprocessor {
    private final double samplingRateHz;
    private final double mvPerCount;
    private final double trimSeconds;
    private final double clipMadFactor;
    private final boolean dcRemoval;
    private final double notchHz;
    private final double notchQ;
    private final Sos notch;
    private final double bandLowHz;
    private final double bandHighHz;
    private final int bandOrder;
    private final Sos bandPass;
    private final WaveletDenoiser wavelet;
    private final double maxGapSeconds;

    private Preprocessor(Builder b) {
        this.samplingRateHz = b.samplingRateHz;
        this.mvPerCount = 2 * b.vrefVolts * 1000 / (b.adcGain * (1 << 24));
        this.trimSeconds = b.trimSeconds;
        this.clipMadFactor = b.clipMadFactor;
        this.dcRemoval = b.dcRemoval;
        this.notchHz = b.notchHz;
        this.notchQ = b.notchQ;
        this.notch = b.notchHz > 0 && b.notchHz < samplingRateHz / 2 ? Notch.of(samplingRateHz, b.notchHz, b.notchQ)
                : null;
        this.bandLowHz = b.bandLowHz;
        this.bandHighHz = b.bandHighHz;
        this.bandOrder = b.bandOrder;
        this.bandPass = b.bandOrder > 0 ? Butterworth.bandPass(b.bandOrder, samplingRateHz, b.bandLowHz,
                b.bandHighHz) : null;
        this.wavelet = b.wavelet;
        this.maxGapSeconds = b.maxGapSeconds;
    }

    /** The seed system's chain at {@code samplingRateHz} (100 to 2000 Hz). */
    public static Preprocessor seed(double samplingRateHz) {
        return builder(samplingRateHz).build();
    }

    /**
     * The seed chain without its outlier clip: what an R-peak detector should see. The clip at median ±
     * 5·1.4826·MAD is an artefact-removal step for beats: the MAD of an ECG measures the baseline, so the clip
     * cuts the top off most R waves, and QRS energy then drops relative to T waves and noise (on the MIT-BIH
     * Arrhythmia Database it adds about 300 false detections over the 48 records; docs/detection.md). ecgid's
     * identification pipeline cuts its beats from this chain too (the flattened R wave hides the QRS shape that
     * tells people apart); {@link #seed} stays the origin's literal chain.
     */
    public static Preprocessor seedForDetection(double samplingRateHz) {
        return builder(samplingRateHz).noClip().build();
    }

    /**
     * The chain ecgid finds R-peaks on for HRV and reports: the seed chain without its clip and without the edge
     * trim (beats from the first second on), notched at {@code powerLineHz}, short runs of invalid samples bridged
     * ({@link SampleGap#DEFAULT_MAX_GAP_SECONDS}). One chain, so {@code ecgid hrv} and {@code ecgid report} find the
     * same R-peaks in the same record.
     */
    public static Preprocessor forRPeaks(double samplingRateHz, double powerLineHz) {
        return builder(samplingRateHz).noTrim().noClip().notch(powerLineHz)
                .interpolateGapsUpTo(SampleGap.DEFAULT_MAX_GAP_SECONDS).build();
    }

    /** No processing at all: validation and the index mapping only. */
    public static Preprocessor none(double samplingRateHz) {
        return builder(samplingRateHz).noTrim().noClip().noDcRemoval().noNotch().noBandPass().noWavelet().build();
    }

    /** A builder starting from the seed settings. */
    public static Builder builder(double samplingRateHz) {
        return new Builder(samplingRateHz);
    }

    public double samplingRateHz() {
        return samplingRateHz;
    }

    /** Samples removed at each end by trimming. */
    public int trimSamples() {
        return (int) Math.round(trimSeconds * samplingRateHz);
    }

    /** Shortest input the chain accepts: both trims plus more samples than the longest filter padding. */
    public int minimumLength() {
        int pad = 0;
        if (notch != null) {
            pad = Math.max(pad, notch.padLength());
        }
        if (bandPass != null) {
            pad = Math.max(pad, bandPass.padLength());
        }
        return 2 * trimSamples() + pad + 1;
    }

    /**
     * Cleans one lead of a record.
     *
     * @throws EcgSignalException if the record's sampling rate is not this preprocessor's or the lead is missing
     */
    public CleanSignal apply(EcgRecord record, String leadName) {
        if (Math.abs(record.samplingRateHz() - samplingRateHz) > 1e-9 * samplingRateHz) {
            throw new EcgSignalException("Preprocessor built for " + samplingRateHz + " Hz cannot clean "
                    + record.samplingRateHz() + " Hz record " + record.source() + "; build one with "
                    + "Preprocessor.builder(" + record.samplingRateHz() + ")");
        }
        return run(record.lead(leadName), 1.0, false);
    }

    /** Cleans samples in mV (the ADC step is not applied). The input is not modified. */
    public CleanSignal apply(double[] samplesMv) {
        return run(samplesMv, 1.0, false);
    }

    /** Cleans raw ADC codes: they are first converted to mV with the configured gain and reference. */
    public CleanSignal applyToAdcCounts(double[] counts) {
        return run(counts, mvPerCount, true);
    }

    private CleanSignal run(double[] in, double scale, boolean adc) {
        Objects.requireNonNull(in, "samples");
        int n = in.length;
        int trim = trimSamples();
        if (n < minimumLength()) {
            throw new EcgSignalException("Signal of " + n + " samples (" + n / samplingRateHz + " s at "
                    + samplingRateHz + " Hz) is too short: the chain needs at least " + minimumLength()
                    + " samples (" + trim + " trimmed at each end plus the filters' edge padding)");
        }
        List<String> steps = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        int from = trim;
        int len = n - 2 * trim;
        double[] y = new double[len];
        if (adc) {
            for (int i = 0; i < len; i++) {
                y[i] = in[from + i] * scale;
            }
            steps.add("adc->mV " + String.format(java.util.Locale.ROOT, "%.6g", scale) + " mV/count");
        } else {
            System.arraycopy(in, from, y, 0, len);
        }
        if (trim > 0) {
            steps.add("trim " + trimSeconds + " s");
        }
        // Rejecting non-finite samples (the default) needs no pass of its own when the clip runs: the clip pass
        // sees every sample (an infinite one is clipped, a NaN makes the sum NaN), and a NaN or an infinity that
        // gets that far already shows in the median or MAD. Only on a suspicion is the input scanned, for the
        // same error as the upfront check gives. Interpolation (which changes y), the ADC path (whose scaling can
        // overflow) and chains without the clip keep the upfront check.
        boolean deferCheck = !adc && maxGapSeconds == 0 && clipMadFactor > 0;
        List<SampleGap> gaps = deferCheck ? new ArrayList<>() : handleNonFinite(y, from, notes);

        int clipped = 0;
        // The mean, when needed, comes out of the clipping pass (clipAndSum) or, without clipping, its own
        // pass; it is then subtracted inside the notch's forward pass (Sos.zeroPhaseInPlace(x, offset)), or
        // explicitly when there is no notch. Each fusion saves a pass over the signal and is bit-identical
        // to the separate steps.
        double mean = 0;
        boolean haveMean = false;
        if (clipMadFactor > 0) {
            double median = RobustStats.median(y);
            double mad = RobustStats.medianAbsoluteDeviation(y, median);
            if (deferCheck && !(mad > 0 && Double.isFinite(mad) && Double.isFinite(median))) {
                rejectNonFinite(in, from, len, notes);
            }
            if (mad > 0) {
                double lim = clipMadFactor * RobustStats.MAD_TO_SIGMA * mad;
                double[] sum = new double[2];
                clipped = clipAndSum(y, median - lim, median + lim, sum);
                if (deferCheck && (sum[1] != 0 || !Double.isFinite(sum[0]))) {
                    rejectNonFinite(in, from, len, notes);
                }
                if (dcRemoval) {
                    mean = sum[0] / len;
                    haveMean = true;
                }
                steps.add("clip median +- " + clipMadFactor + "*1.4826*MAD");
            } else {
                notes.add("clipping skipped: MAD is 0 (more than half of the samples are equal)");
            }
        }
        boolean flat = isFlat(y);
        if (flat) {
            notes.add("flat line: all " + len + " kept samples are equal; nothing to detect");
        }
        if (dcRemoval) {
            if (!haveMean) {
                mean = mean(y);
            }
            if (notch == null) {
                for (int i = 0; i < len; i++) {
                    y[i] -= mean;
                }
            }
            steps.add("dc removal (mean)");
        }
        if (notch != null) {
            notch.zeroPhaseInPlace(y, mean); // mean is 0 without DC removal: y - 0.0 is y, bit for bit
            steps.add("notch " + notchHz + " Hz Q " + notchQ);
        } else if (notchHz > 0) {
            notes.add("notch " + notchHz + " Hz skipped: not below the Nyquist frequency " + samplingRateHz / 2
                    + " Hz");
        }
        if (bandPass != null) {
            bandPass.zeroPhaseInPlace(y);
            steps.add("band-pass " + bandLowHz + "-" + bandHighHz + " Hz order " + bandOrder);
        }
        if (wavelet != null) {
            wavelet.denoiseInPlace(y);
            steps.add("wavelet " + wavelet.wavelet() + " level " + wavelet.levelsFor(len) + " "
                    + wavelet.rule());
        }
        return new CleanSignal(samplingRateHz, y, from, n, steps, clipped, gaps, flat, notes);
    }

    /**
     * Clips {@code y} to [lo, hi] in place and returns how many samples changed. {@code sum[0]} receives the
     * sum of the clipped samples added exactly as {@link #mean} adds them (four partial sums by index mod 4, the
     * tail into the first), so {@code sum[0] / n} is bit for bit the mean of the clipped signal without the
     * mean's own pass; {@code sum[1]} is 1 if an infinite sample was clipped (a NaN shows as a NaN sum). Only
     * clipped samples are written back (few; they come in runs, so the branches predict well).
     */
    private static int clipAndSum(double[] y, double lo, double hi, double[] sum) {
        int n = y.length;
        // acc: the four partial sums (lanes by index mod 4), the clipped count, 1 if an infinity was clipped
        double[] acc = new double[6];
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        // Blocks of 64: a branch-free test (sign bits of v - lo and hi - v) says whether any sample may need
        // clipping; most blocks need none and are only summed. Per-sample branches mispredicted wherever noise
        // crosses a limit. Blocks that may need it run the exact per-sample clip.
        for (; i + CLIP_BLOCK <= n; i += CLIP_BLOCK) {
            long out = 0;
            for (int j = i; j < i + CLIP_BLOCK; j++) {
                double v = y[j];
                out |= Double.doubleToRawLongBits(v - lo) | Double.doubleToRawLongBits(hi - v);
            }
            if (out < 0) {
                acc[0] = s0;
                acc[1] = s1;
                acc[2] = s2;
                acc[3] = s3;
                clipLanes(y, i, i + CLIP_BLOCK, lo, hi, acc);
                s0 = acc[0];
                s1 = acc[1];
                s2 = acc[2];
                s3 = acc[3];
            } else {
                for (int j = i; j < i + CLIP_BLOCK; j += 4) {
                    s0 += y[j];
                    s1 += y[j + 1];
                    s2 += y[j + 2];
                    s3 += y[j + 3];
                }
            }
        }
        acc[0] = s0;
        acc[1] = s1;
        acc[2] = s2;
        acc[3] = s3;
        int tail = i + (n - i) / 4 * 4;
        clipLanes(y, i, tail, lo, hi, acc);
        s0 = acc[0];
        for (i = tail; i < n; i++) {
            double v = y[i];
            if (v < lo || v > hi) {
                acc[5] = Double.isInfinite(v) ? 1 : acc[5];
                v = clipAt(y, i, lo, hi);
                acc[4]++;
            }
            s0 += v;
        }
        sum[0] = (s0 + acc[1]) + (acc[2] + acc[3]);
        sum[1] = acc[5];
        return (int) acc[4];
    }

    /**
     * The exact per-sample clip of y[from, to) ({@code to - from} a multiple of 4), adding sample j into lane
     * {@code (j - from) mod 4} of {@code acc[0..3]}, counting clipped samples in {@code acc[4]} and setting
     * {@code acc[5]} to 1 when one was infinite.
     */
    private static void clipLanes(double[] y, int from, int to, double lo, double hi, double[] acc) {
        double s0 = acc[0];
        double s1 = acc[1];
        double s2 = acc[2];
        double s3 = acc[3];
        int clipped = 0;
        boolean infinite = false;
        for (int j = from; j < to; j += 4) {
            double v0 = y[j];
            double v1 = y[j + 1];
            double v2 = y[j + 2];
            double v3 = y[j + 3];
            if (v0 < lo || v0 > hi) {
                infinite |= Double.isInfinite(v0);
                v0 = clipAt(y, j, lo, hi);
                clipped++;
            }
            if (v1 < lo || v1 > hi) {
                infinite |= Double.isInfinite(v1);
                v1 = clipAt(y, j + 1, lo, hi);
                clipped++;
            }
            if (v2 < lo || v2 > hi) {
                infinite |= Double.isInfinite(v2);
                v2 = clipAt(y, j + 2, lo, hi);
                clipped++;
            }
            if (v3 < lo || v3 > hi) {
                infinite |= Double.isInfinite(v3);
                v3 = clipAt(y, j + 3, lo, hi);
                clipped++;
            }
            s0 += v0;
            s1 += v1;
            s2 += v2;
            s3 += v3;
        }
        acc[0] = s0;
        acc[1] = s1;
        acc[2] = s2;
        acc[3] = s3;
        acc[4] += clipped;
        if (infinite) {
            acc[5] = 1;
        }
    }

    /** Samples per block of {@link #clipAndSum}'s test; a multiple of 4 (the sum's lanes). */
    private static final int CLIP_BLOCK = 64;

    /** Sets y[i] (known to be outside [lo, hi]) to the bound it crossed and returns it. */
    private static double clipAt(double[] y, int i, double lo, double hi) {
        double v = y[i] < lo ? lo : hi;
        y[i] = v;
        return v;
    }

    /** Mean with four partial sums (independent add chains instead of one latency-bound chain). */
    private static double mean(double[] y) {
        int n = y.length;
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += y[i];
            s1 += y[i + 1];
            s2 += y[i + 2];
            s3 += y[i + 3];
        }
        for (; i < n; i++) {
            s0 += y[i];
        }
        return ((s0 + s1) + (s2 + s3)) / n;
    }

    private static boolean isFlat(double[] y) {
        double first = y[0];
        for (double v : y) {
            if (v != first) {
                return false;
            }
        }
        return true;
    }

    /**
     * The deferred check (see {@code run}): throws exactly as the upfront {@link #handleNonFinite} would for a
     * non-finite sample in {@code in[from, from + len)}; returns when there is none (a sum that overflowed).
     */
    private void rejectNonFinite(double[] in, int from, int len, List<String> notes) {
        handleNonFinite(java.util.Arrays.copyOfRange(in, from, from + len), from, notes);
    }

    /** Rejects, or interpolates short runs of, non-finite samples in y (y[0] is input index {@code from}). */
    private List<SampleGap> handleNonFinite(double[] y, int from, List<String> notes) {
        List<SampleGap> gaps = new ArrayList<>();
        int len = y.length;
        int maxGap = (int) Math.floor(maxGapSeconds * samplingRateHz);
        int i = 0;
        while (i < len) {
            if (Double.isFinite(y[i])) {
                i++;
                continue;
            }
            int start = i;
            while (i < len && !Double.isFinite(y[i])) {
                i++;
            }
            int gapLen = i - start;
            if (gapLen > maxGap) {
                throw new SampleGapException("Sample " + (from + start) + " is " + y[start] + (gapLen > 1
                        ? " (a run of " + gapLen + " non-finite samples up to index " + (from + i - 1) + ")" : "")
                        + (maxGap > 0 ? "; at most " + maxGap + " samples (" + maxGapSeconds
                        + " s) are interpolated" : "; use interpolateGapsUpTo(seconds) to bridge short gaps"),
                        new SampleGap(from + start, from + i), maxGapSeconds, samplingRateHz);
            }
            gaps.add(new SampleGap(from + start, from + i));
        }
        if (gaps.isEmpty()) {
            return gaps;
        }
        if (gaps.size() == 1 && gaps.get(0).lengthSamples() == len) {
            throw new EcgSignalException("All " + len + " kept samples are non-finite");
        }
        for (SampleGap g : gaps) {
            int s = g.startSample() - from;
            int e = g.endSample() - from;
            double left = s > 0 ? y[s - 1] : y[e];
            double right = e < len ? y[e] : y[s - 1];
            for (int k = s; k < e; k++) {
                double t = (k - s + 1) / (double) (e - s + 1);
                y[k] = left + (right - left) * t;
            }
            notes.add("interpolated " + g.lengthSamples() + " non-finite samples at input index "
                    + g.startSample());
        }
        return gaps;
    }

    @Override
    public String toString() {
        return "Preprocessor[" + samplingRateHz + " Hz, trim " + trimSeconds + " s, clip " + clipMadFactor
                + ", dc " + dcRemoval + ", notch " + notchHz + ", band " + (bandOrder > 0 ? bandLowHz + "-"
                + bandHighHz + "/" + bandOrder : "off") + ", wavelet " + wavelet + "]";
    }

    /** Options for {@link Preprocessor}; starts from the seed settings. */
    public static final class Builder {
        private final double samplingRateHz;
        private double adcGain = 6;
        private double vrefVolts = 2.42;
        private double trimSeconds = 1.0;
        private double clipMadFactor = 5.0;
        private boolean dcRemoval = true;
        private double notchHz = 50;
        private double notchQ = Notch.DEFAULT_Q;
        private double bandLowHz = 0.5;
        private double bandHighHz = 40;
        private int bandOrder = 4;
        private WaveletDenoiser wavelet = WaveletDenoiser.seed();
        private double maxGapSeconds = 0;

        private Builder(double samplingRateHz) {
            this.samplingRateHz = SamplingRates.requireSupported(samplingRateHz);
        }

        /** ADC conversion for {@link Preprocessor#applyToAdcCounts}: mV = code·2·Vref·1000/(gain·2^24). */
        public Builder adcScale(double gain, double vrefVolts) {
            if (!(gain > 0) || !Double.isFinite(gain) || !(vrefVolts > 0) || !Double.isFinite(vrefVolts)) {
                throw new EcgSignalException("ADC gain and Vref must be positive, got gain " + gain + ", Vref "
                        + vrefVolts + " V");
            }
            this.adcGain = gain;
            this.vrefVolts = vrefVolts;
            return this;
        }

        /** Seconds dropped at each end (default 1; the seed's settling margin). */
        public Builder trimSeconds(double seconds) {
            if (!(seconds >= 0) || Double.isInfinite(seconds)) {
                throw new EcgSignalException("Trim must be >= 0 s, got " + seconds);
            }
            this.trimSeconds = seconds;
            return this;
        }

        public Builder noTrim() {
            return trimSeconds(0);
        }

        /** Clip at median ± factor·1.4826·MAD (default 5). */
        public Builder clipMadFactor(double factor) {
            if (!(factor > 0) || Double.isInfinite(factor)) {
                throw new EcgSignalException("Clip factor must be positive, got " + factor);
            }
            this.clipMadFactor = factor;
            return this;
        }

        public Builder noClip() {
            this.clipMadFactor = 0;
            return this;
        }

        /** Subtract the mean (default on). */
        public Builder dcRemoval(boolean on) {
            this.dcRemoval = on;
            return this;
        }

        public Builder noDcRemoval() {
            return dcRemoval(false);
        }

        /** Mains notch at {@code hz} with the seed's Q 30 (default 50 Hz). */
        public Builder notch(double hz) {
            return notch(hz, Notch.DEFAULT_Q);
        }

        public Builder notch(double hz, double q) {
            if (!(hz > 0) || Double.isInfinite(hz) || !(q > 0) || Double.isInfinite(q)) {
                throw new EcgSignalException("Notch needs a positive frequency and Q, got " + hz + " Hz, Q " + q);
            }
            this.notchHz = hz;
            this.notchQ = q;
            return this;
        }

        public Builder noNotch() {
            this.notchHz = 0;
            return this;
        }

        /** Zero-phase Butterworth band-pass (default 0.5-40 Hz, order 4). */
        public Builder bandPass(double lowHz, double highHz, int order) {
            Butterworth.bandPass(order, samplingRateHz, lowHz, highHz); // validates now, with a clear message
            this.bandLowHz = lowHz;
            this.bandHighHz = highHz;
            this.bandOrder = order;
            return this;
        }

        public Builder noBandPass() {
            this.bandOrder = 0;
            return this;
        }

        /** Wavelet denoising step (default {@link WaveletDenoiser#seed()}). */
        public Builder wavelet(WaveletDenoiser denoiser) {
            this.wavelet = Objects.requireNonNull(denoiser, "denoiser");
            return this;
        }

        public Builder noWavelet() {
            this.wavelet = null;
            return this;
        }

        /** Reject any non-finite sample (the default). */
        public Builder rejectNonFinite() {
            this.maxGapSeconds = 0;
            return this;
        }

        /** Linearly interpolate runs of non-finite samples up to {@code seconds} long; reject longer runs. */
        public Builder interpolateGapsUpTo(double seconds) {
            if (!(seconds > 0) || Double.isInfinite(seconds)) {
                throw new EcgSignalException("Gap length must be positive, got " + seconds + " s");
            }
            this.maxGapSeconds = seconds;
            return this;
        }

        public Preprocessor build() {
            return new Preprocessor(this);
        }
    }
}
