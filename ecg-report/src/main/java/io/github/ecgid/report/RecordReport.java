package io.github.ecgid.report;

import io.github.ecgid.core.EcgRecord;
import io.github.ecgid.core.EcgSignalException;
import io.github.ecgid.hrv.HrvAnalyzer;
import io.github.ecgid.hrv.HrvReport;
import io.github.ecgid.signal.beat.BeatPipeline;
import io.github.ecgid.signal.detect.Detector;
import io.github.ecgid.signal.detect.RPeaks;
import io.github.ecgid.signal.preprocess.CleanSignal;
import io.github.ecgid.signal.preprocess.Preprocessor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The analysis behind a one-recording report: the seed filter chain (without trimming, so raw and clean line
 * up), R-peak detection, 175-sample beats with the quality gate, and HRV; then the report sections (summary and
 * quality, signal with R-peaks, beat overlay, HRV) and the aggregate {@link NarrativeFacts} for an optional
 * narrative.
 *
 * <pre>{@code
 * RecordReport r = RecordReport.analyze(EcgFiles.read(path), null, Detector.PAN_TOMPKINS, 50);
 * EcgReport.Builder b = r.reportBuilder();
 * NarrativeClient.fromEnvironment().ifPresentOrElse(c -> b.narrative(c.write(r.facts())),
 *         () -> b.narrativeOff("No API key: set DEEPSEEK_API_KEY to get a narrative."));
 * b.build().write(Path.of("report.html"));
 * }</pre>
 */
public final class RecordReport {
    private final EcgRecord record;
    private final String lead;
    private final double[] raw;
    private final double[] clean;
    private final RPeaks peaks;
    private final BeatPipeline.Result beats;
    private final HrvReport hrv;
    private final int nonFinite;

    private RecordReport(EcgRecord record, String lead, double[] raw, double[] clean, RPeaks peaks,
                         BeatPipeline.Result beats, HrvReport hrv, int nonFinite) {
        this.record = record;
        this.lead = lead;
        this.raw = raw;
        this.clean = clean;
        this.peaks = peaks;
        this.beats = beats;
        this.hrv = hrv;
        this.nonFinite = nonFinite;
    }

    /**
     * Analyses one lead of a record.
     *
     * @param leadName    lead to use, or null for the first
     * @param detector    R-peak detector, e.g. {@link Detector#PAN_TOMPKINS}
     * @param powerLineHz mains frequency to notch, 50 or 60
     * @throws EcgSignalException if the lead does not exist or the record is too short to analyse
     */
    public static RecordReport analyze(EcgRecord record, String leadName, Detector detector, double powerLineHz) {
        String lead = leadName == null ? record.leadNames().get(0) : leadName;
        if (!record.leadNames().contains(lead)) {
            throw new EcgSignalException("Lead '" + lead + "' not in " + record.source() + "; leads: "
                    + record.leadNames());
        }
        double fs = record.samplingRateHz();
        double[] raw = record.lead(lead);
        int nonFinite = 0;
        for (double v : raw) {
            nonFinite += Double.isFinite(v) ? 0 : 1;
        }
        CleanSignal c = Preprocessor.forRPeaks(fs, powerLineHz).apply(raw);
        if (c.length() != raw.length) {
            throw new EcgSignalException(record.source() + ": the filter chain changed the length ("
                    + raw.length + " -> " + c.length() + " samples)");
        }
        double[] clean = c.samplesMv();
        RPeaks peaks = detector.create().detect(clean, fs);
        long[] idx = Arrays.stream(peaks.indexSamples()).asLongStream().toArray();
        HrvReport hrv = HrvAnalyzer.defaults().analyzePeaks(idx, fs);
        BeatPipeline.Result beats = new BeatPipeline(fs, powerLineHz, detector.label(), true).extract(raw);
        return new RecordReport(record, lead, raw, clean, peaks, beats, hrv, nonFinite);
    }

    public RPeaks peaks() {
        return peaks;
    }

    public HrvReport hrv() {
        return hrv;
    }

    /** Beats kept by the quality gate. */
    public int usableBeats() {
        return beats.beats().length;
    }

    /** Share of detected R-peaks whose beat passed the quality gate, in [0, 1] (0 without peaks). */
    public double usableFraction() {
        return beats.detectedPeaks() == 0 ? 0 : (double) beats.beats().length / beats.detectedPeaks();
    }

    private double meanHeartRateBpm() {
        double[] rr = peaks.rrIntervalsMs();
        return rr.length == 0 ? Double.NaN : 60000 / Arrays.stream(rr).average().orElse(Double.NaN);
    }

    private double robustRangeMv() {
        double[] s = Arrays.stream(clean).filter(Double::isFinite).sorted().toArray();
        return s.length == 0 ? 0 : s[(int) (0.99 * (s.length - 1))] - s[(int) (0.01 * (s.length - 1))];
    }

    /** A report builder with the summary, signal, beat and HRV sections filled in. */
    public EcgReport.Builder reportBuilder() {
        double fs = record.samplingRateHz();
        Map<String, String> f = new LinkedHashMap<>();
        f.put("Source", record.source());
        f.put("Lead", lead + " (of " + record.leadCount() + ")");
        f.put("Sampling rate", fmt(fs) + " Hz");
        f.put("Duration", String.format(Locale.ROOT, "%.1f s", record.durationSeconds()));
        f.put("R-peaks detected", Integer.toString(peaks.count()));
        double hr = meanHeartRateBpm();
        f.put("Mean heart rate", Double.isFinite(hr) ? String.format(Locale.ROOT, "%.1f bpm", hr) : "n/a");
        f.put("Beats passing the quality gate", String.format(Locale.ROOT, "%d of %d (%.1f %%)", usableBeats(),
                beats.detectedPeaks(), 100 * usableFraction()));
        f.put("Amplitude range (1st-99th percentile)", String.format(Locale.ROOT, "%.2f mV", robustRangeMv()));
        f.put("Missing (non-finite) samples", Integer.toString(nonFinite));
        if (!peaks.notes().isEmpty()) {
            f.put("Detector notes", peaks.notes().size() + ": " + peaks.notes().get(0)
                    + (peaks.notes().size() > 1 ? " …" : ""));
        }
        if (!beats.note().isEmpty()) {
            f.put("Beat extraction", beats.note());
        }
        String title = "ecgid report: " + record.source();
        double[] shown = raw.clone();
        for (int i = 0; i < shown.length; i++) {
            // bridged gaps: draw the interpolated value rather than break the plot's scale with NaN
            shown[i] = Double.isFinite(shown[i]) ? shown[i] : clean[i];
        }
        EcgReport.Builder b = EcgReport.builder(title).summary(f).signal(shown, clean, fs, peaks.indexSamples());
        b.beats(lead, beats.beats());
        b.hrv(peaks.rrIntervalsMs(), hrv);
        if (!hrv.isEmpty()) {
            b.spectrum(HrvAnalyzer.defaults().spectrum(io.github.ecgid.hrv.RrSeries.fromPeaks(peaks.indexSamples(),
                    record.samplingRateHz())));
        }
        return b;
    }

    /** The aggregate numbers a narrative may see: quality, HRV and nothing else. */
    public NarrativeFacts facts() {
        NarrativeFacts.Builder b = NarrativeFacts.builder(String.format(Locale.ROOT,
                "One ECG recording, lead %s, %.0f s at %s Hz (kept local)", lead, record.durationSeconds(),
                fmt(record.samplingRateHz())));
        b.quality("Sampling rate (Hz)", record.samplingRateHz());
        b.quality("Duration (s)", record.durationSeconds())
                .quality("R-peaks detected", peaks.count())
                .quality("Mean heart rate (bpm)", meanHeartRateBpm())
                .quality("Beats passing the quality gate (fraction)", usableFraction())
                .quality("Amplitude range 1st-99th percentile (mV)", robustRangeMv())
                .quality("Missing samples", nonFinite)
                .quality("Detector notes", peaks.notes().size());
        return b.hrv(hrv).build();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
