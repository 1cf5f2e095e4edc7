package io.github.ecgid.signal.eval;

import io.github.ecgid.core.Annotation;
import io.github.ecgid.core.EcgRecord;
import io.github.ecgid.core.EcgSignalException;
import io.github.ecgid.signal.detect.BeatAgreement;
import io.github.ecgid.signal.detect.RPeakDetector;
import io.github.ecgid.signal.detect.RPeaks;
import io.github.ecgid.signal.preprocess.CleanSignal;
import io.github.ecgid.signal.preprocess.Preprocessor;
import io.github.ecgid.signal.preprocess.SampleGap;
import io.github.ecgid.signal.preprocess.SampleGapException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Scores an R-peak detector against a record's reference beat annotations: lead MLII where the record has it
 * (record 114 of the MIT-BIH database has it second), else the first lead; optionally the seed cleaning chain
 * first; one-to-one matching within a tolerance ({@link BeatMatcher}). The seed chain runs without its outlier
 * clip by default ({@link Preprocessor#seedForDetection}: the clip flattens R waves and costs precision);
 * {@link Builder#clipBeforeDetection(boolean)} restores the literal chain.
 *
 * <p>The chain before the detector trims nothing by default ({@link Builder#trimSeconds(double)}): its
 * zero-phase filters pad their edges and the detectors replay their learning phase, so beats are found from the
 * first second to the last, which matters on 10 s records (LUDB) where the origin's 1 s trim at each end would
 * leave a fifth of the beats unscored. Only the part of the record the detector saw is scored: with a trim, the
 * trimmed seconds are left out of both reference and detections. Optionally, following ANSI/AAMI EC57, ventricular
 * flutter/fibrillation episodes (between the {@code [} and {@code ]} annotations) are left out too: they hold
 * flutter waves, not QRS complexes, so a QRS detector's marks there are neither right nor wrong.
 *
 * <pre>{@code
 * DetectorEvaluation eval = DetectorEvaluation.builder().detector(RPeakDetectors.byName("pan-tompkins"))
 *         .toleranceMs(150).seedPreprocessing(true).build();
 * DetectorEvaluation.Result r = eval.evaluate("100", WfdbReader.read(Path.of("mitdb/100")));
 * }</pre>
 */
public final class DetectorEvaluation {

    /** Lead name preferred for scoring. */
    public static final String PREFERRED_LEAD = "MLII";

    private final RPeakDetector detector;
    private final double toleranceMs;
    private final boolean seedPreprocessing;
    private final boolean clipBeforeDetection;
    private final boolean excludeVentricularFlutter;
    private final double scoreFromSeconds;
    private final double trimSeconds;
    private final String lead;
    private final boolean annotatedSpanOnly;
    private final double maxGapSeconds;
    private final RPeakDetector qualityDetector;

    private DetectorEvaluation(Builder b) {
        this.detector = Objects.requireNonNull(b.detector, "detector");
        this.toleranceMs = b.toleranceMs;
        this.seedPreprocessing = b.seedPreprocessing;
        this.clipBeforeDetection = b.clipBeforeDetection;
        this.excludeVentricularFlutter = b.excludeVentricularFlutter;
        this.scoreFromSeconds = b.scoreFromSeconds;
        this.trimSeconds = b.trimSeconds;
        this.lead = b.lead;
        this.annotatedSpanOnly = b.annotatedSpanOnly;
        this.maxGapSeconds = b.maxGapSeconds;
        this.qualityDetector = b.qualityDetector;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Index of lead MLII, else 0. */
    public static int scoredLead(EcgRecord record) {
        return record.hasLead(PREFERRED_LEAD) ? record.leadIndex(PREFERRED_LEAD) : 0;
    }

    /**
     * The lead scored on a record: the one named by {@link Builder#lead(String)}, else MLII, else the first.
     *
     * @throws EcgSignalException when the named lead is not in the record
     */
    public int leadOf(EcgRecord record) {
        if (lead == null) {
            return scoredLead(record);
        }
        if (!record.hasLead(lead)) {
            throw new EcgSignalException("Lead '" + lead + "' is not in record " + record.source() + " (it has "
                    + record.leadNames() + "); pick one of those");
        }
        return record.leadIndex(lead);
    }

    /** Scores one record (which must carry its reference annotations) on {@link #leadOf its scored lead}. */
    public Result evaluate(String name, EcgRecord record) {
        return evaluate(name, record.lead(leadOf(record)), record.samplingRateHz(),
                record.annotations().items());
    }

    /**
     * Scores one signal against reference annotations (beats are picked by {@link Annotation#isBeat()}).
     *
     * @param samplesMv      the lead to detect on, in mV
     * @param samplingRateHz its rate
     * @param annotations    reference annotations, sample indices into {@code samplesMv}
     */
    public Result evaluate(String name, double[] samplesMv, double samplingRateHz, List<Annotation> annotations) {
        long t0 = System.nanoTime();
        double[] signal = samplesMv;
        List<SampleGap> gaps = List.of();
        int offset = 0;
        int from = 0;
        int to = samplesMv.length;
        if (seedPreprocessing) {
            Preprocessor.Builder b = Preprocessor.builder(samplingRateHz).trimSeconds(trimSeconds);
            if (maxGapSeconds > 0) {
                b.interpolateGapsUpTo(maxGapSeconds);
            }
            Preprocessor chain = clipBeforeDetection ? b.build() : b.noClip().build();
            CleanSignal clean = chain.apply(samplesMv);
            gaps = clean.interpolatedGaps();
            signal = clean.samplesMv();
            offset = clean.offsetSamples();
            from = offset;
            to = offset + clean.length();
        }
        from = Math.max(from, (int) Math.min(to, Math.round(scoreFromSeconds * samplingRateHz)));
        int tol = BeatMatcher.toleranceSamples(toleranceMs, samplingRateHz);
        if (annotatedSpanOnly && !annotations.isEmpty()) {
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            for (Annotation a : annotations) {
                first = Math.min(first, a.sample());
                last = Math.max(last, a.sample());
            }
            from = (int) Math.max(from, Math.min(to, first - tol));
            to = (int) Math.max(from, Math.min(to, last + tol + 1));
        }
        long t1 = System.nanoTime();
        RPeaks peaks = detector.detect(signal, samplingRateHz);
        long t2 = System.nanoTime();
        BeatAgreement quality = qualityDetector == null ? null : BeatAgreement.of(peaks.indexSamples(),
                qualityDetector.detect(signal, samplingRateHz).indexSamples(), samplingRateHz, signal.length,
                BeatAgreement.DEFAULT_WINDOW_SECONDS, BeatAgreement.DEFAULT_TOLERANCE_MS);

        List<long[]> excluded = excludeVentricularFlutter ? flutterEpisodes(annotations, samplesMv.length)
                : List.of();
        long[] reference = annotations.stream().filter(Annotation::isBeat).mapToLong(Annotation::sample)
                .filter(s -> s >= 0).toArray();
        reference = keep(reference, from, to, excluded);
        int[] local = peaks.indexSamples();
        long[] detected = new long[local.length];
        for (int i = 0; i < local.length; i++) {
            detected[i] = (long) local[i] + offset;
        }
        detected = keep(detected, from, to, excluded);
        DetectionScore score = BeatMatcher.match(reference, detected, tol);
        return new Result(name, score, samplesMv.length, (t1 - t0) / 1e9, (t2 - t1) / 1e9, peaks.notes(), gaps,
                quality);
    }

    /** {@code [start, end]} sample ranges of ventricular flutter/fibrillation episodes. */
    static List<long[]> flutterEpisodes(List<Annotation> annotations, long length) {
        List<long[]> out = new ArrayList<>();
        long start = -1;
        for (Annotation a : annotations) {
            if (a.symbol().equals("[")) {
                start = a.sample();
            } else if (a.symbol().equals("]") && start >= 0) {
                out.add(new long[] {start, a.sample()});
                start = -1;
            }
        }
        if (start >= 0) {
            out.add(new long[] {start, length});
        }
        return out;
    }

    private static long[] keep(long[] v, long from, long to, List<long[]> excluded) {
        long[] out = new long[v.length];
        int n = 0;
        outer:
        for (long s : v) {
            if (s < from || s >= to) {
                continue;
            }
            for (long[] e : excluded) {
                if (s >= e[0] && s <= e[1]) {
                    continue outer;
                }
            }
            out[n++] = s;
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /**
     * One record's outcome.
     *
     * @param record            record name
     * @param score             TP/FP/FN and rates
     * @param samples           samples in the scored lead (before trimming)
     * @param preprocessSeconds wall-clock time of the cleaning chain
     * @param detectSeconds     wall-clock time of detection
     * @param notes             what the detector skipped
     * @param bridgedGaps       runs of invalid samples the seed chain bridged by linear interpolation (indices
     *                          into the input); empty without the seed chain, where the detector skips them
     * @param quality           bSQI of the detector against {@link Builder#qualityDetector}, over the signal the
     *                          detector saw (windows from its first sample); null when no quality detector is set
     */
    public record Result(String record, DetectionScore score, long samples, double preprocessSeconds,
                         double detectSeconds, List<RPeaks.Note> notes, List<SampleGap> bridgedGaps,
                         BeatAgreement quality) {
        public Result {
            notes = List.copyOf(notes);
            bridgedGaps = List.copyOf(bridgedGaps);
        }

        /** Invalid samples bridged in all, over {@link #bridgedGaps()}. */
        public long bridgedSamples() {
            long n = 0;
            for (SampleGap g : bridgedGaps) {
                n += g.lengthSamples();
            }
            return n;
        }
    }

    /** Options. */
    public static final class Builder {
        private RPeakDetector detector;
        private double toleranceMs = 150;
        private boolean seedPreprocessing = true;
        private boolean clipBeforeDetection;
        private boolean excludeVentricularFlutter;
        private double scoreFromSeconds;
        private double trimSeconds;
        private String lead;
        private boolean annotatedSpanOnly;
        private double maxGapSeconds = SampleGap.DEFAULT_MAX_GAP_SECONDS;
        private RPeakDetector qualityDetector;

        private Builder() {
        }

        /**
         * A second detector whose agreement with the scored one gives the signal-quality index bSQI per beat and
         * per 10 s window ({@link BeatAgreement}, {@link Result#quality()}); default null: none (saves its time).
         */
        public Builder qualityDetector(RPeakDetector other) {
            this.qualityDetector = other;
            return this;
        }

        /**
         * With the seed chain, bridge runs of invalid samples (NaN, WFDB's missing-value code) up to this long by
         * linear interpolation and refuse longer ones with a {@link SampleGapException} (default
         * {@value SampleGap#DEFAULT_MAX_GAP_SECONDS} s; 0 refuses every invalid sample). Bridged runs are in
         * {@link Result#bridgedGaps()}.
         */
        public Builder maxGapSeconds(double seconds) {
            this.maxGapSeconds = SampleGap.requireMaxGapSeconds(seconds);
            return this;
        }

        /**
         * Seconds the seed chain trims at each end before the detector (default 0: every beat from the first
         * second to the last is detected and scored; the origin trimmed 1 s).
         */
        public Builder trimSeconds(double seconds) {
            if (!(seconds >= 0) || Double.isInfinite(seconds)) {
                throw new IllegalArgumentException("trimSeconds must be >= 0, got " + seconds);
            }
            this.trimSeconds = seconds;
            return this;
        }

        /**
         * Score only from the record's first annotation to its last (widened by the tolerance); default false.
         * For databases whose annotators left the edges unannotated: LUDB's cardiologists mark no complex that
         * the 10 s window cuts, so the first and last beat of each record have no reference, and a detector
         * that finds them would be charged two false positives per record.
         */
        public Builder annotatedSpanOnly(boolean on) {
            this.annotatedSpanOnly = on;
            return this;
        }

        /** Name of the lead to score (e.g. {@code "ii"}); default null: MLII where present, else the first. */
        public Builder lead(String name) {
            this.lead = name;
            return this;
        }

        public Builder detector(RPeakDetector d) {
            this.detector = d;
            return this;
        }

        /** Matching tolerance (default 150 ms). */
        public Builder toleranceMs(double ms) {
            if (!(ms >= 0) || Double.isInfinite(ms)) {
                throw new IllegalArgumentException("toleranceMs must be >= 0, got " + ms);
            }
            this.toleranceMs = ms;
            return this;
        }

        /** Run the seed cleaning chain before the detector (default true). */
        public Builder seedPreprocessing(boolean on) {
            this.seedPreprocessing = on;
            return this;
        }

        /**
         * With the seed chain, also apply its outlier clip before the detector (default false: the detector
         * sees {@link Preprocessor#seedForDetection}, the chain minus the clip).
         */
        public Builder clipBeforeDetection(boolean on) {
            this.clipBeforeDetection = on;
            return this;
        }

        /** Leave ventricular flutter/fibrillation episodes out of the score, as EC57 does (default false). */
        public Builder excludeVentricularFlutter(boolean on) {
            this.excludeVentricularFlutter = on;
            return this;
        }

        /**
         * Score only from this time on (default 0; the noise stress test scores from 300 s, after its noise-free
         * learning period, as PhysioNet's {@code bxb -f 5:0} does).
         */
        public Builder scoreFromSeconds(double seconds) {
            if (!(seconds >= 0) || Double.isInfinite(seconds)) {
                throw new IllegalArgumentException("scoreFromSeconds must be >= 0, got " + seconds);
            }
            this.scoreFromSeconds = seconds;
            return this;
        }

        public DetectorEvaluation build() {
            return new DetectorEvaluation(this);
        }
    }
}
