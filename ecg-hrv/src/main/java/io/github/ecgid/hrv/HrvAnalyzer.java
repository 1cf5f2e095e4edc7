package io.github.ecgid.hrv;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes an {@link HrvReport} from an RR series: optional artefact correction, then time-domain,
 * frequency-domain and nonlinear indices with NeuroKit2's names. Immutable and thread-safe.
 *
 * <pre>{@code
 * HrvReport r = HrvAnalyzer.defaults().analyze(RrSeries.fromPeaks(rPeaks, 250.0));
 * HrvAnalyzer lomb = HrvAnalyzer.builder()
 *         .psdMethod(PsdMethod.LOMB_SCARGLE)
 *         .correction(ArtefactCorrection.LIPPONEN_TARVAINEN)
 *         .build();
 * }</pre>
 */
public final class HrvAnalyzer {

    private static final Logger LOG = LoggerFactory.getLogger(HrvAnalyzer.class);

    /** Fewer intervals than this give an empty report. */
    public static final int MIN_INTERVALS = 3;

    private final PsdMethod psdMethod;
    private final FrequencyBands bands;
    private final ArtefactCorrection correction;

    private HrvAnalyzer(Builder b) {
        this.psdMethod = b.psdMethod;
        this.bands = b.bands;
        this.correction = b.correction;
    }

    /** Welch PSD, NeuroKit2 bands, no artefact correction. */
    public static HrvAnalyzer defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The report for intervals between R-peaks at sample indices {@code peakIndexSamples}. */
    public HrvReport analyzePeaks(long[] peakIndexSamples, double samplingRateHz) {
        return analyze(RrSeries.fromPeaks(peakIndexSamples, samplingRateHz));
    }

    /** As {@link #analyzePeaks(long[], double)} for int indices (e.g. a detector's {@code RPeaks.indexSamples()}). */
    public HrvReport analyzePeaks(int[] peakIndexSamples, double samplingRateHz) {
        return analyze(RrSeries.fromPeaks(peakIndexSamples, samplingRateHz));
    }

    /** The report for RR intervals in ms (an uninterrupted series). */
    public HrvReport analyzeIntervalsMs(double... intervalsMs) {
        return analyze(RrSeries.ofIntervalsMs(intervalsMs));
    }

    /** The report for {@code series} after this analyser's artefact correction. */
    public HrvReport analyze(RrSeries series) {
        Objects.requireNonNull(series, "series");
        RrSeries nn = RrCorrector.correct(series, correction);
        if (nn.size() != series.size()) {
            LOG.debug("Artefact correction {} changed {} intervals to {}", correction, series.size(), nn.size());
        }
        if (nn.size() < MIN_INTERVALS) {
            return HrvReport.empty(nn.size(), "HRV needs at least " + MIN_INTERVALS + " RR intervals, got "
                    + nn.size() + (nn.size() != series.size() ? " after artefact correction (" + series.size()
                    + " before)" : ""), psdMethod);
        }
        HrvTime time = TimeDomain.compute(nn);
        HrvFrequency frequency = FrequencyDomain.compute(nn, bands, psdMethod);
        HrvNonlinear nonlinear = Nonlinear.compute(nn);
        return new HrvReport(nn.size(), time, frequency, nonlinear, java.util.Optional.empty());
    }

    /**
     * The PSD the frequency-domain indices of {@link #analyze} integrate, after the same artefact correction;
     * empty arrays when the series is too short.
     */
    public HrvSpectrum spectrum(RrSeries series) {
        RrSeries nn = RrCorrector.correct(Objects.requireNonNull(series, "series"), correction);
        if (nn.size() < MIN_INTERVALS) {
            return new HrvSpectrum(new double[0], new double[0], psdMethod, bands);
        }
        FrequencyDomain.Psd psd = psdMethod == PsdMethod.WELCH ? FrequencyDomain.welch(nn, bands)
                : FrequencyDomain.lombScargle(nn, bands.maxHz());
        return new HrvSpectrum(psd.frequencyHz(), psd.powerMs2PerHz(), psdMethod, bands);
    }

    public PsdMethod psdMethod() {
        return psdMethod;
    }

    public FrequencyBands bands() {
        return bands;
    }

    public ArtefactCorrection correction() {
        return correction;
    }

    /** Options for {@link HrvAnalyzer}. */
    public static final class Builder {
        private PsdMethod psdMethod = PsdMethod.WELCH;
        private FrequencyBands bands = FrequencyBands.neurokit2();
        private ArtefactCorrection correction = ArtefactCorrection.NONE;

        private Builder() {
        }

        /** PSD estimator; default {@link PsdMethod#WELCH}. */
        public Builder psdMethod(PsdMethod method) {
            this.psdMethod = Objects.requireNonNull(method, "method");
            return this;
        }

        /** Frequency bands; default {@link FrequencyBands#neurokit2()}. */
        public Builder bands(FrequencyBands bands) {
            this.bands = Objects.requireNonNull(bands, "bands");
            return this;
        }

        /** Artefact handling; default {@link ArtefactCorrection#NONE}. */
        public Builder correction(ArtefactCorrection correction) {
            this.correction = Objects.requireNonNull(correction, "correction");
            return this;
        }

        public HrvAnalyzer build() {
            return new HrvAnalyzer(this);
        }
    }
}
