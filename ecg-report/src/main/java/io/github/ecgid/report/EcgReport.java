package io.github.ecgid.report;

import io.github.ecgid.hrv.HrvReport;
import io.github.ecgid.hrv.HrvSpectrum;
import io.github.ecgid.eval.ClassificationMetrics;
import io.github.ecgid.model.identify.VerificationMetrics;
import io.github.ecgid.model.identify.Identification;
import io.github.ecgid.model.nn.EpochMetrics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A self-contained HTML report: one file, inline SVG plots with titles, axis labels in units and text
 * alternatives, no external requests, works offline. Sections appear for what was given: recording summary and
 * signal quality; raw vs clean signal with R-peaks (zoomable); beat overlays with the mean beat; HRV
 * (tachogram, Poincaré plot, band powers, PSD with bands, feature table); model (training curves, confusion-matrix heat map,
 * per-class metrics, DET curve); identification with its probability bars; an optional narrative.
 *
 * <pre>{@code
 * EcgReport.builder("Alice, morning session")
 *         .summary(Map.of("Sampling rate", "250 Hz"))
 *         .signal(rawMv, cleanMv, 250, rPeaks)
 *         .hrv(rrMs, hrvReport)
 *         .identification(who)
 *         .build().write(Path.of("ecgid-report.html"));
 * }</pre>
 */
public final class EcgReport {
    private final String html;

    private EcgReport(String html) {
        this.html = html;
    }

    public static Builder builder(String title) {
        return new Builder(title);
    }

    /** The HTML document. */
    public String html() {
        return html;
    }

    /** Writes the HTML file (UTF-8). */
    public void write(Path file) {
        Html.write(file, html, "report");
    }

    /** Collects the sections; each setter adds or replaces one section. */
    public static final class Builder {
        private final String title;
        private final Map<String, String> sections = new LinkedHashMap<>();
        private String narrative;
        private String narrativeOff = "The AI narrative is off: no API key was configured, or it was not asked for.";

        private Builder(String title) {
            this.title = Objects.requireNonNull(title, "title");
        }

        /** Key facts of the recording and its quality, shown as a table. */
        public Builder summary(Map<String, String> facts) {
            StringBuilder b = new StringBuilder("<table class=\"kv\">");
            facts.forEach((k, v) -> b.append("<tr><th>").append(Html.esc(k)).append("</th><td>")
                    .append(Html.esc(v)).append("</td></tr>"));
            sections.put("Recording and signal quality", b.append("</table>").toString());
            return this;
        }

        /**
         * Raw and cleaned signal (same length, mV) with R-peak markers; the first {@code maxSeconds} are drawn at
         * full resolution in a horizontally zoomable panel.
         */
        public Builder signal(double[] rawMv, double[] cleanMv, double samplingRateHz, int[] rPeaks) {
            double maxSeconds = 20;
            int n = (int) Math.min(rawMv.length, Math.round(maxSeconds * samplingRateHz));
            double[] t = new double[n];
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                t[i] = i / samplingRateHz;
                lo = Math.min(lo, Math.min(rawMv[i], cleanMv[i]));
                hi = Math.max(hi, Math.max(rawMv[i], cleanMv[i]));
            }
            List<Double> px = new ArrayList<>();
            List<Double> py = new ArrayList<>();
            for (int r : rPeaks) {
                if (r >= 0 && r < n) {
                    px.add(r / samplingRateHz);
                    py.add(cleanMv[r]);
                }
            }
            Svg s = Svg.plot("signal", "ECG: raw and cleaned, with detected R-peaks",
                    "Line chart of the first " + Svg.num(n / samplingRateHz) + " s: raw signal, cleaned signal and "
                            + px.size() + " R-peak markers", "time (s)", "amplitude (mV)",
                    Svg.Axis.nice(0, n / samplingRateHz, 10), Svg.Axis.nice(lo, hi, 6));
            s.line(t, slice(rawMv, n), 7, 0.6, "raw").line(t, slice(cleanMv, n), 0, 1, "clean")
                    .points(toArray(px), toArray(py), 1, 3, "rpeaks")
                    .legend("raw", 7).legend("clean", 0).legend("R-peak", 1);
            String zoom = "<div class=\"zoom\"><button type=\"button\" onclick=\"zoom(this,1.5)\">zoom in</button>"
                    + "<button type=\"button\" onclick=\"zoom(this,1/1.5)\">zoom out</button>"
                    + "<div class=\"pan\">" + s.end() + "</div></div>";
            sections.put("Signal", zoom);
            return this;
        }

        /**
         * Overlay of one person's beats with their mean beat in bold, against time from the R-peak in ms. The
         * beats are the identifier's: 0.25 s before to 0.45 s after the R-peak, resampled to 175 samples.
         */
        public Builder beats(String personId, float[][] beats) {
            return beats(personId, beats, 250, 450);
        }

        /**
         * Overlay of beats cut {@code msBeforeR} before to {@code msAfterR} after their R-peak (whatever the
         * number of samples per beat), with the mean beat in bold; the x axis is time from the R-peak in ms.
         */
        public Builder beats(String personId, float[][] beats, double msBeforeR, double msAfterR) {
            if (beats.length == 0) {
                return this;
            }
            int len = beats[0].length;
            double[] x = new double[len];
            double[] mean = new double[len];
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            double msPerSample = (msBeforeR + msAfterR) / len;
            for (int i = 0; i < len; i++) {
                x[i] = -msBeforeR + i * msPerSample;
            }
            for (float[] b : beats) {
                for (int i = 0; i < len; i++) {
                    mean[i] += b[i] / (double) beats.length;
                    lo = Math.min(lo, b[i]);
                    hi = Math.max(hi, b[i]);
                }
            }
            Svg s = Svg.plot("beats", "Beats of " + personId + " (" + beats.length + ") and their mean",
                    "Overlay of " + Math.min(beats.length, 60) + " z-scored beats of " + personId
                            + " with the mean beat in bold, against time from the R-peak",
                    "time from R-peak (ms)", "amplitude (z-score)", Svg.Axis.nice(x[0], x[len - 1], 14),
                    Svg.Axis.nice(lo, hi, 6));
            int step = Math.max(1, beats.length / 60);
            for (int b = 0; b < beats.length; b += step) {
                double[] y = new double[len];
                for (int i = 0; i < len; i++) {
                    y[i] = beats[b][i];
                }
                s.line(x, y, 7, 0.25, "beat");
            }
            s.line(x, mean, 0, 1, "mean").vline(0, 1).legend("beats", 7).legend("mean beat", 0)
                    .legend("R-peak", 1);
            sections.merge("Beats", s.end(), String::concat);
            return this;
        }

        /** HRV: tachogram, Poincaré plot, band powers and the feature table. */
        public Builder hrv(double[] rrMs, HrvReport report) {
            StringBuilder b = new StringBuilder();
            if (rrMs.length >= 2) {
                double[] t = new double[rrMs.length];
                double acc = 0;
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < rrMs.length; i++) {
                    acc += rrMs[i] / 1000;
                    t[i] = acc;
                    lo = Math.min(lo, rrMs[i]);
                    hi = Math.max(hi, rrMs[i]);
                }
                b.append(Svg.plot("tachogram", "Tachogram", "RR interval over time for " + rrMs.length + " beats",
                        "time (s)", "RR interval (ms)", 0, acc, lo - 2, hi + 2).line(t, rrMs, 0, 1, "rr").end());
                double[] x = new double[rrMs.length - 1];
                double[] y = new double[rrMs.length - 1];
                for (int i = 0; i + 1 < rrMs.length; i++) {
                    x[i] = rrMs[i];
                    y[i] = rrMs[i + 1];
                }
                b.append(Svg.plot("poincare", "Poincaré plot", "Scatter of each RR interval against the next",
                        "RR(n) (ms)", "RR(n+1) (ms)", lo - 2, hi + 2, lo - 2, hi + 2).points(x, y, 0, 2, "pc").end());
            }
            if (!report.isEmpty()) {
                Map<String, Double> m = report.asMap();
                String[] bands = {"HRV_VLF", "HRV_LF", "HRV_HF"};
                double[] v = new double[bands.length];
                double max = 0;
                for (int i = 0; i < bands.length; i++) {
                    v[i] = m.getOrDefault(bands[i], Double.NaN);
                    max = Double.isFinite(v[i]) ? Math.max(max, v[i]) : max;
                }
                b.append(Svg.bars("Spectral power by band", "Bar chart of VLF, LF and HF power", "power (ms²)",
                        new String[] {"VLF", "LF", "HF"}, v, max > 0 ? max * 1.1 : 1));
                b.append("<table class=\"kv hrv\"><tr><th>index</th><th>value</th><th>unit</th></tr>");
                m.forEach((k, val) -> b.append("<tr><th>").append(Html.esc(k)).append("</th><td class=\"num\">")
                        .append(Double.isFinite(val) ? String.format(Locale.ROOT, "%.4g", val) : "n/a")
                        .append("</td><td>").append(Html.esc(hrvUnit(k))).append("</td></tr>"));
                b.append("</table>");
            } else {
                b.append("<p>HRV not computed: ").append(Html.esc(report.emptyReason().orElse(""))).append("</p>");
            }
            sections.put("Heart-rate variability", b.toString());
            return this;
        }

        /** The RR spectrum with the VLF, LF and HF bands shaded (call after {@link #hrv}). */
        public Builder spectrum(HrvSpectrum psd) {
            double[] f = psd.frequencyHz();
            double[] p = psd.powerMs2PerHz();
            if (f.length < 2) {
                return this;
            }
            double fMax = Math.min(f[f.length - 1], psd.bands().hf().highHz() * 1.1);
            Svg.Axis fx = Svg.Axis.nice(0, fMax, 10);
            fMax = Math.min(f[f.length - 1], fx.hi()); // draw the spectrum as far as the axis goes
            double pMax = 0;
            for (int i = 0; i < f.length; i++) {
                if (f[i] <= fMax && Double.isFinite(p[i])) {
                    pMax = Math.max(pMax, p[i]);
                }
            }
            Svg s = Svg.plot("psd", "RR power spectral density (" + psd.method().name().toLowerCase(Locale.ROOT) + ")",
                    "Line chart of RR power density against frequency, with the VLF, LF and HF bands shaded",
                    "frequency (Hz)", "power density (ms²/Hz)", fx, Svg.Axis.nice(0, pMax > 0 ? pMax : 1, 6));
            s.band(psd.bands().vlf().lowHz(), Math.min(fMax, psd.bands().vlf().highHz()), "VLF", 2)
                    .band(psd.bands().lf().lowHz(), Math.min(fMax, psd.bands().lf().highHz()), "LF", 3)
                    .band(psd.bands().hf().lowHz(), Math.min(fMax, psd.bands().hf().highHz()), "HF", 4);
            int n = 0;
            while (n < f.length && f[n] <= fMax) {
                n++;
            }
            s.line(java.util.Arrays.copyOf(f, n), java.util.Arrays.copyOf(p, n), 0, 1, "psdl");
            sections.merge("Heart-rate variability", s.end(), String::concat);
            return this;
        }

        /** Training curves: loss and accuracy per epoch. */
        public Builder training(List<EpochMetrics> history) {
            if (history.isEmpty()) {
                return this;
            }
            int n = history.size();
            double[] e = new double[n];
            double[] tl = new double[n];
            double[] vl = new double[n];
            double[] ta = new double[n];
            double[] va = new double[n];
            double maxLoss = 0;
            for (int i = 0; i < n; i++) {
                EpochMetrics m = history.get(i);
                e[i] = m.epoch();
                tl[i] = m.trainLoss();
                vl[i] = m.validationLoss();
                ta[i] = m.trainAccuracy();
                va[i] = m.validationAccuracy();
                maxLoss = Math.max(maxLoss, Math.max(tl[i], vl[i]));
            }
            double firstEpoch = e[0];
            double lastEpoch = e[n - 1];
            String loss = Svg.plot("curve", "Training loss", "Cross-entropy per epoch, training and validation",
                    "epoch", "cross-entropy", Svg.Axis.integer(firstEpoch, lastEpoch, 10),
                    Svg.Axis.nice(0, maxLoss > 0 ? maxLoss : 1, 6)).line(e, tl, 0, 1, "tl")
                    .line(e, vl, 1, 1, "vl").legend("training", 0).legend("validation", 1).end();
            String acc = Svg.plot("curve", "Training accuracy", "Accuracy per epoch, training and validation",
                    "epoch", "accuracy (fraction)", Svg.Axis.integer(firstEpoch, lastEpoch, 10),
                    Svg.Axis.nice(0, 1, 5)).line(e, ta, 0, 1, "ta")
                    .line(e, va, 1, 1, "va").legend("training", 0).legend("validation", 1).end();
            sections.merge("Model", loss + acc, String::concat);
            return this;
        }

        /** Confusion matrix heat map and the origin's metrics table. */
        public Builder classification(ClassificationMetrics m, List<String> labels) {
            String[] l = labels.toArray(new String[0]);
            StringBuilder b = new StringBuilder(Svg.heatmap("Confusion matrix",
                    "Heat map of " + m.total() + " classified beats: rows true person, columns predicted", l,
                    m.confusion()));
            b.append(String.format(Locale.ROOT, "<table class=\"kv\"><tr><th>Accuracy</th><td>%.4f</td></tr>"
                    + "<tr><th>Precision (weighted)</th><td>%.4f</td></tr><tr><th>Recall (weighted)</th><td>%.4f</td>"
                    + "</tr><tr><th>F1 (weighted)</th><td>%.4f</td></tr><tr><th>Specificity (mean)</th><td>%.4f</td>"
                    + "</tr></table>", m.accuracy(), m.precision(), m.recall(), m.f1(), m.specificity()));
            int[][] c = m.confusion();
            b.append("<table class=\"grid\"><tr><th>person</th><th>precision</th><th>recall</th><th>beats</th></tr>");
            for (int i = 0; i < l.length; i++) {
                long col = 0;
                long row = 0;
                for (int j = 0; j < l.length; j++) {
                    col += c[j][i];
                    row += c[i][j];
                }
                b.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%.3f</td><td>%.3f</td><td>%d</td></tr>",
                        Html.esc(l[i]), col == 0 ? 0.0 : (double) c[i][i] / col, row == 0 ? 0.0 : (double) c[i][i] / row,
                        row));
            }
            sections.merge("Model", b.append("</table>").toString(), String::concat);
            return this;
        }

        /**
         * DET curve of template verification: false-accept rate against false-reject rate, both on
         * normal-deviate (probit) axes labelled in percent, zero rates on the axis edge, the EER point marked.
         */
        public Builder verification(VerificationMetrics v) {
            double[][] det = v.detCurve(200);
            double[] far = new double[det.length];
            double[] frr = new double[det.length];
            for (int i = 0; i < det.length; i++) {
                far[i] = det[i][1];
                frr[i] = det[i][2];
            }
            String plot = Svg.det(String.format(Locale.ROOT, "Verification DET curve (EER %.2f %%)",
                    100 * v.eer()), "Detection error trade-off on normal-deviate axes: false-accept rate against "
                    + "false-reject rate over " + v.genuineCount() + " genuine and " + v.impostorCount()
                    + " impostor scores", far, frr, v.eer());
            sections.merge("Model", plot, String::concat);
            return this;
        }

        /**
         * The identification decision with a bar for every candidate's score (probability, or cosine similarity
         * from -1 to 1 with the open-set threshold dashed).
         */
        public Builder identification(Identification who) {
            List<Identification.Candidate> r = who.ranking();
            int n = r.size();
            String[] labels = new String[n];
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                labels[i] = r.get(i).personId();
                v[i] = r.get(i).score();
            }
            String head = "<p class=\"who\">" + Html.esc(who.toString()) + "</p>";
            boolean closed = who.mode() == Identification.Mode.CLOSED_SET;
            String bars = n == 0 ? "" : Svg.bars(closed ? "Mean probability per person"
                    : "Cosine similarity per enrolled person", "Bar chart of the scores of all " + n + " candidates",
                    closed ? "probability" : "cosine similarity", labels, v, 1,
                    closed || !Double.isFinite(who.threshold()) ? Double.NaN : who.threshold(),
                    String.format(Locale.ROOT, "threshold %.2f", who.threshold()));
            sections.merge("Identification", head + bars, String::concat);
            return this;
        }

        /** A narrative written elsewhere (e.g. by {@link NarrativeClient}); null keeps the "off" note. */
        public Builder narrative(String text) {
            this.narrative = text;
            return this;
        }

        /** Why there is no narrative, shown in its place. */
        public Builder narrativeOff(String reason) {
            this.narrativeOff = Objects.requireNonNull(reason);
            return this;
        }

        public EcgReport build() {
            StringBuilder b = new StringBuilder(64 * 1024);
            b.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                    .append(Html.esc(title)).append("</title><meta name=\"viewport\" content=\"width=device-width\">")
                    .append("<style>").append(CSS).append("</style></head><body><h1>").append(Html.esc(title))
                    .append("</h1><p class=\"gen\">Generated by ecgid. Not a medical device.</p>");
            for (Map.Entry<String, String> e : sections.entrySet()) {
                b.append("<section><h2>").append(Html.esc(e.getKey())).append("</h2>").append(e.getValue())
                        .append("</section>");
            }
            b.append("<section><h2>Narrative</h2>");
            if (narrative != null) {
                for (String para : narrative.split("\n\\s*\n")) {
                    b.append("<p>").append(Html.esc(para.trim())).append("</p>");
                }
            } else {
                b.append("<p class=\"off\">").append(Html.esc(narrativeOff)).append("</p>");
            }
            b.append("</section><script>").append(JS).append("</script></body></html>");
            return new EcgReport(b.toString());
        }

        private static double[] slice(double[] x, int n) {
            return java.util.Arrays.copyOf(x, n);
        }

        private static double[] toArray(List<Double> l) {
            return l.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }

    private static final Map<String, String> HRV_UNITS = hrvUnits();

    private static Map<String, String> hrvUnits() {
        Map<String, String> u = new LinkedHashMap<>();
        for (String k : new String[] {"MeanNN", "SDNN", "SDANN1", "SDNNI1", "SDANN2", "SDNNI2", "SDANN5", "SDNNI5",
            "RMSSD", "SDSD", "MedianNN", "MadNN", "IQRNN", "Prc20NN", "Prc80NN", "MinNN", "MaxNN", "TINN", "SD1",
            "SD2"}) {
            u.put("HRV_" + k, "ms");
        }
        u.put("HRV_pNN50", "%");
        u.put("HRV_pNN20", "%");
        u.put("HRV_MeanHR", "beats/min");
        for (String k : new String[] {"ULF", "VLF", "LF", "HF", "VHF", "TP", "S"}) {
            u.put("HRV_" + k, "ms²");
        }
        u.put("HRV_LnHF", "ln(ms²)");
        u.put("HRV_CVI", "log10(ms²)");
        u.put("HRV_LFn", "fraction of TP");
        u.put("HRV_HFn", "fraction of TP");
        for (String k : new String[] {"CVNN", "CVSD", "MCVNN", "LFHF", "SD1SD2", "CSI"}) {
            u.put("HRV_" + k, "ratio");
        }
        for (String k : new String[] {"HTI", "ApEn", "SampEn", "DFA_alpha1", "DFA_alpha2"}) {
            u.put("HRV_" + k, "dimensionless");
        }
        return java.util.Collections.unmodifiableMap(u);
    }

    /**
     * The unit of an HRV index by its NeuroKit2 name: ms, %, beats/min, ms², Hz, a log of ms², "ratio",
     * "fraction of TP" or "dimensionless"; empty for a name it does not know.
     */
    static String hrvUnit(String name) {
        String u = HRV_UNITS.get(name);
        if (u != null) {
            return u;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith("hz")) {
            return "Hz";
        }
        if (lower.endsWith("ms")) {
            return "ms";
        }
        return "";
    }

    private static final String CSS = "body{font-family:system-ui,sans-serif;margin:2em auto;max-width:980px;color:#222}"
            + "h1{font-size:1.6em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em}svg{width:100%;height:auto;"
            + "display:block;margin:1em 0}.heatmap{max-width:600px}.t{font-size:14px;text-anchor:middle;"
            + "font-weight:600}.tick{font-size:10px;text-anchor:middle}.ytick{font-size:10px;text-anchor:end}"
            + ".lbl{font-size:12px;text-anchor:middle}.leg{font-size:11px}.cell{font-size:10px;text-anchor:middle}"
            + ".axis line{stroke:#444}polyline{stroke-width:1.2}.mean{stroke-width:2.5}table{border-collapse:collapse;"
            + "margin:.5em 0}th,td{padding:2px 8px;border:1px solid #ddd;text-align:left}td.num{text-align:right;"
            + "font-variant-numeric:tabular-nums}.det{max-width:560px}"
            + ".zoom .pan{overflow-x:auto}.zoom svg{width:100%}.who{font-size:1.3em;font-weight:600}"
            + ".gen,.off{color:#666}";

    private static final String JS = "function zoom(btn,f){var s=btn.parentNode.querySelector('svg');"
            + "var w=parseFloat(s.style.width||'100');w=Math.max(100,Math.min(1600,w*f));s.style.width=w+'%';}";
}
