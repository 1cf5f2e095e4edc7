package io.github.ecgid.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A one-page, self-contained HTML performance page (what {@code ecgid bench} writes): sections of key-value
 * tables, plain tables, latency histograms and bar charts, all inline SVG like {@link EcgReport}, with no scripts
 * and no external requests. Sections appear in the order they are added.
 *
 * <pre>{@code
 * String html = BenchPage.builder("ecgid bench")
 *         .facts("Machine", Map.of("CPU", "Xeon", "JVM", "17.0.9"))
 *         .histogram("Single-beat latency", "pure_java", "latency (µs)", 0, 5, counts, new double[] {64},
 *                 new String[] {"p50"})
 *         .build().html();
 * }</pre>
 */
public final class BenchPage {
    private final String html;

    private BenchPage(String html) {
        this.html = html;
    }

    /** A page titled {@code title}. */
    public static Builder builder(String title) {
        return new Builder(title);
    }

    /** The HTML document. */
    public String html() {
        return html;
    }

    /** Writes the HTML file (UTF-8), creating its folder. */
    public void write(Path file) {
        Html.write(file, html, "benchmark page");
    }

    /** Collects the page's blocks; each call appends one block under a heading (repeated headings share it). */
    public static final class Builder {
        private final String title;
        private final StringBuilder body = new StringBuilder();
        private String lastHeading;

        private Builder(String title) {
            this.title = Objects.requireNonNull(title, "title");
        }

        private Builder block(String heading, String content) {
            if (!heading.equals(lastHeading)) {
                if (lastHeading != null) {
                    body.append("</section>");
                }
                body.append("<section><h2>").append(Html.esc(heading)).append("</h2>");
                lastHeading = heading;
            }
            body.append(content);
            return this;
        }

        /** A paragraph of text. */
        public Builder note(String heading, String text) {
            return block(heading, "<p>" + Html.esc(text) + "</p>");
        }

        /** A two-column table of facts, in the map's iteration order. */
        public Builder facts(String heading, Map<String, String> facts) {
            StringBuilder b = new StringBuilder("<table class=\"kv\">");
            facts.forEach((k, v) -> b.append("<tr><th>").append(Html.esc(k)).append("</th><td>")
                    .append(Html.esc(v)).append("</td></tr>"));
            return block(heading, b.append("</table>").toString());
        }

        /** A table with a header row; every row must have as many cells as the header. */
        public Builder table(String heading, List<String> header, List<List<String>> rows) {
            StringBuilder b = new StringBuilder("<table><tr>");
            header.forEach(h -> b.append("<th>").append(Html.esc(h)).append("</th>"));
            b.append("</tr>");
            for (List<String> row : rows) {
                if (row.size() != header.size()) {
                    throw new IllegalArgumentException("row of " + row.size() + " cells under " + header.size()
                            + " headers");
                }
                b.append("<tr>");
                row.forEach(c -> b.append("<td>").append(Html.esc(c)).append("</td>"));
                b.append("</tr>");
            }
            return block(heading, b.append("</table>").toString());
        }

        /**
         * A histogram: {@code counts[i]} in {@code [lower + i·width, lower + (i+1)·width)}, with dashed markers
         * at {@code markerX} labelled {@code markerLabels} (same length).
         */
        public Builder histogram(String heading, String chartTitle, String xLabel, double lower, double width,
                                 long[] counts, double[] markerX, String[] markerLabels) {
            if (markerX.length != markerLabels.length) {
                throw new IllegalArgumentException("markers and labels differ in length");
            }
            long total = 0;
            for (long c : counts) {
                total += c;
            }
            String alt = "Histogram of " + total + " values of " + xLabel + " in " + counts.length + " bins from "
                    + Svg.num(lower) + " to " + Svg.num(lower + width * counts.length);
            return block(heading, Svg.histogram(chartTitle, alt, xLabel, "count", lower, width, counts, markerX,
                    markerLabels));
        }

        /** Vertical bars, one per label, from 0 to {@code yMax} (values are in each bar's tooltip). */
        public Builder bars(String heading, String chartTitle, String yLabel, String[] labels, double[] values,
                            double yMax) {
            String alt = "Bar chart of " + yLabel + " for " + String.join(", ", labels);
            return block(heading, Svg.bars(chartTitle, alt, yLabel, labels, values, yMax));
        }

        public BenchPage build() {
            StringBuilder b = new StringBuilder(32 * 1024);
            b.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                    .append(Html.esc(title)).append("</title><meta name=\"viewport\" content=\"width=device-width\">")
                    .append("<style>").append(CSS).append("</style></head><body><h1>").append(Html.esc(title))
                    .append("</h1>").append(body);
            if (lastHeading != null) {
                b.append("</section>");
            }
            return new BenchPage(b.append("</body></html>").toString());
        }
    }

    private static final String CSS = "body{font-family:system-ui,sans-serif;margin:2em auto;max-width:980px;"
            + "color:#222}"
            + "h1{font-size:1.6em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em}svg{width:100%;height:auto;"
            + "display:block;margin:1em 0}.t{font-size:14px;text-anchor:middle;font-weight:600}"
            + ".tick{font-size:10px;text-anchor:middle}.ytick{font-size:10px;text-anchor:end}"
            + ".lbl{font-size:12px;text-anchor:middle}.axis line{stroke:#444}table{border-collapse:collapse;"
            + "margin:.5em 0}th,td{padding:2px 8px;border:1px solid #ddd;text-align:left}td{font-variant-numeric:"
            + "tabular-nums}";
}
