package io.github.ecgid.signal.beat;

import io.github.ecgid.signal.detect.RPeakDetector;
import io.github.ecgid.signal.detect.RPeakDetectors;
import io.github.ecgid.signal.detect.RPeaks;
import io.github.ecgid.signal.filter.PowerLine;
import io.github.ecgid.signal.preprocess.CleanSignal;
import io.github.ecgid.signal.preprocess.Preprocessor;
import io.github.ecgid.signal.preprocess.SampleGap;
import io.github.ecgid.signal.preprocess.SampleGapException;
import java.util.List;

/**
 * From one lead in mV to the network's input: the seed preprocessing chain (with the mains notch at the
 * configured frequency), R-peak detection on the clean signal, and 175-sample z-scored beats around each
 * R-peak, optionally through the beat quality gate. Training, enrollment, identification and monitoring all
 * use this one pipeline, so their beats are cut alike. Immutable and thread-safe.
 *
 * <p>By default the chain runs <em>without</em> the seed's amplitude clip (median ± 5·1.4826·MAD): that
 * clip flattens the top of most R waves, which hides the QRS shape the network identifies people by and
 * costs the detector precision (rank-1 / EER: MIT-BIH time split 3.9 / 1.8 points, ECG-ID person-disjoint 5.4 /
 * 3.2 points; docs/identification.md). {@link #withSeedClip()} restores the seed's literal chain for comparison. The
 * quality gate is {@link QualityGate#defaults()}, whose correlation check drops beats unlike the running median
 * beat: on noisy wearable-style recordings (ECG-ID) that is worth 5 points of rank-1. For people with frequent
 * ectopic beats it drops beats that are theirs; there {@code withQualityGate(QualityGate.recurring())}, which
 * keeps a shape that recurs, is better (MIT-BIH arrhythmia patients, softmax loss, 50 epochs: 10-beat template
 * rank-1 93.5 % with the default gate, 97.6 % with the recurrence check; docs/identification.md).
 *
 * <pre>{@code
 * BeatPipeline p = new BeatPipeline(360, 60, "pan-tompkins", true);
 * BeatPipeline.Result r = p.extract(record.lead("MLII"));
 * float[][] beats = r.beats();        // [beat][175]
 * }</pre>
 */
public final class BeatPipeline {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BeatPipeline.class);

    private final double samplingRateHz;
    private final double powerLineHz;
    private final String detectorName;
    private final QualityGate qualityGate;
    private final boolean seedClip;
    private final double maxGapSeconds;
    private final Preprocessor preprocessor;
    private final RPeakDetector detector;
    private final BeatSegmenter segmenter;

    /**
     * @param samplingRateHz sampling rate of the leads to process, Hz
     * @param powerLineHz    mains frequency to notch, 50 or 60 Hz
     * @param detectorName   R-peak detector, as {@link RPeakDetectors#byName} takes it
     * @param qualityGate    whether to drop beats that fail {@link QualityGate#defaults()}
     */
    public BeatPipeline(double samplingRateHz, double powerLineHz, String detectorName, boolean qualityGate) {
        this(samplingRateHz, powerLineHz, detectorName, qualityGate ? QualityGate.defaults() : null, false,
                SampleGap.DEFAULT_MAX_GAP_SECONDS);
    }

    private BeatPipeline(double samplingRateHz, double powerLineHz, String detectorName, QualityGate qualityGate,
                         boolean seedClip, double maxGapSeconds) {
        this.samplingRateHz = samplingRateHz;
        this.powerLineHz = PowerLine.requireSupported(powerLineHz);
        this.detectorName = detectorName;
        this.qualityGate = qualityGate;
        this.seedClip = seedClip;
        this.maxGapSeconds = SampleGap.requireMaxGapSeconds(maxGapSeconds);
        Preprocessor.Builder pb = Preprocessor.builder(samplingRateHz).notch(powerLineHz);
        if (!seedClip) {
            pb.noClip();
        }
        if (maxGapSeconds > 0) {
            pb.interpolateGapsUpTo(maxGapSeconds);
        }
        this.preprocessor = pb.build();
        this.detector = RPeakDetectors.byName(detectorName);
        BeatSegmenter seed = BeatSegmenter.seed(samplingRateHz);
        this.segmenter = qualityGate != null ? seed.withQualityGate(qualityGate) : seed;
    }

    /**
     * The same pipeline with the seed's literal chain: amplitude clip at median ± 5·1.4826·MAD before the
     * filters, for beats and detection alike (what the origin system did; kept to reproduce its figures).
     */
    public BeatPipeline withSeedClip() {
        return new BeatPipeline(samplingRateHz, powerLineHz, detectorName, qualityGate, true, maxGapSeconds);
    }

    /**
     * The same pipeline bridging runs of invalid samples up to {@code seconds} (0: refuse any); default
     * {@value SampleGap#DEFAULT_MAX_GAP_SECONDS} s. Bridged runs are reported in {@link Result#bridgedGaps()}.
     */
    public BeatPipeline withMaxGapSeconds(double seconds) {
        return new BeatPipeline(samplingRateHz, powerLineHz, detectorName, qualityGate, seedClip, seconds);
    }

    /** Mains frequency notched, Hz (50 or 60). */
    public double powerLineHz() {
        return powerLineHz;
    }

    /** Longest run of invalid samples bridged, seconds. */
    public double maxGapSeconds() {
        return maxGapSeconds;
    }

    /** The same pipeline with another beat quality gate; {@code null} keeps every detected beat. */
    public BeatPipeline withQualityGate(QualityGate gate) {
        return new BeatPipeline(samplingRateHz, powerLineHz, detectorName, gate, seedClip, maxGapSeconds);
    }

    /** The beat quality gate, or {@code null} when every detected beat is kept. */
    public QualityGate qualityGate() {
        return qualityGate;
    }

    /** Whether this pipeline clips like the seed ({@link #withSeedClip()}). */
    public boolean seedClip() {
        return seedClip;
    }

    /** Text for model provenance: what the beats a model was trained on went through. */
    public String describe() {
        return describe(samplingRateHz, powerLineHz, detectorName, seedClip);
    }

    /** Text for model provenance: what the beats a model was trained on went through (default, no clip). */
    public static String describe(double samplingRateHz, double powerLineHz, String detectorName) {
        return describe(samplingRateHz, powerLineHz, detectorName, false);
    }

    private static String describe(double samplingRateHz, double powerLineHz, String detectorName,
                                   boolean seedClip) {
        return "fs " + samplingRateHz + " Hz; trim 1 s, " + (seedClip ? "clip median +- 5*1.4826*MAD, "
                : "no amplitude clip, ") + "DC removal, notch "
                + powerLineHz + " Hz Q30, Butterworth band-pass 0.5-40 Hz order 4 zero-phase, db6 wavelet "
                + "denoising (seed rule); R-peaks: " + detectorName + "; beats: 0.25 s before to 0.45 s after R, "
                + "natural cubic spline to 175 samples, per-beat z-score";
    }

    public double samplingRateHz() {
        return samplingRateHz;
    }

    public String detectorName() {
        return detectorName;
    }

    /** Shortest input, in samples, that {@link #extract} processes (shorter input gives no beats). */
    public int minimumLength() {
        return preprocessor.minimumLength();
    }

    /**
     * Cleans the lead, finds its R-peaks and cuts its beats. Never throws for short or flat input; bridges short
     * runs of invalid samples ({@link #withMaxGapSeconds}).
     *
     * @throws SampleGapException for a run of invalid samples longer than {@link #maxGapSeconds()}
     */
    public Result extract(double[] leadMv) {
        if (leadMv.length < preprocessor.minimumLength()) {
            return new Result(0, new float[0][], new int[0], List.of(), "input of " + leadMv.length
                    + " samples is shorter than the " + preprocessor.minimumLength() + " the filters need", List.of());
        }
        CleanSignal clean = preprocessor.apply(leadMv);
        RPeaks peaks = detector.detect(clean.samplesMv(), samplingRateHz);
        Beats beats = segmenter.segment(clean.samplesMv(), peaks.indexSamples());
        int[] r = clean.toOriginalIndices(beats.rPeakIndices());
        String note = clean.flatLine() ? "flat line" : "";
        if (!clean.interpolatedGaps().isEmpty() && LOG.isInfoEnabled()) {
            LOG.info("bridged {} run(s) of invalid samples ({} samples) by linear interpolation (at most {} s each)",
                    clean.interpolatedGaps().size(), clean.interpolatedGaps().stream()
                            .mapToInt(SampleGap::lengthSamples).sum(), maxGapSeconds);
        }
        return new Result(peaks.count(), beats.toMatrix(), r, beats.rejected(), note, clean.interpolatedGaps());
    }

    @Override
    public String toString() {
        return "BeatPipeline[" + samplingRateHz + " Hz, notch " + powerLineHz + " Hz, " + detectorName
                + ", gaps up to " + maxGapSeconds + " s bridged"
                + (qualityGate != null ? ", " + qualityGate : "") + (seedClip ? ", seed clip" : "") + "]";
    }

    /**
     * What {@link #extract} found.
     *
     * @param detectedPeaks number of R-peaks the detector found
     * @param beats         kept beats, {@code [beat][175]}
     * @param rPeakIndices  R-peak of each kept beat, in the input's sample indices
     * @param rejected      R-peaks whose beat was dropped, with reasons (indices in clean-signal samples)
     * @param note          why nothing could be extracted, or empty
     * @param bridgedGaps   runs of invalid samples bridged by linear interpolation (input indices), or empty
     */
    public record Result(int detectedPeaks, float[][] beats, int[] rPeakIndices, List<Beats.Rejection> rejected,
                         String note, List<SampleGap> bridgedGaps) {
        public Result {
            bridgedGaps = List.copyOf(bridgedGaps);
        }
    }
}
