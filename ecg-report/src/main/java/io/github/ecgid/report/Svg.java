package io.github.ecgid.report;

import java.util.Locale;

/**
 * Tiny inline-SVG plotting: line and scatter charts with labelled axes, bar charts and heat maps. Every
 * plot carries a {@code <title>} and an {@code aria-label} as its text alternative. No scripts, no external
 * requests.
 */
final class Svg {
    static final int W = 720;
    static final int H = 260;
    private static final int LEFT = 60;
    private static final int RIGHT = 15;
    private static final int TOP = 30;
    private static final int BOTTOM = 45;
    private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
        "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};

    private final StringBuilder sb = new StringBuilder();
    private final double x0;
    private final double x1;
    private final double y0;
    private final double y1;

    private Svg(String cssClass, String title, String alt, String xLabel, String yLabel, double x0, double x1,
                double y0, double y1) {
        this(cssClass, title, alt, xLabel, yLabel, x0, x1, y0, y1, true);
    }

    private Svg(String cssClass, String title, String alt, String xLabel, String yLabel, double x0, double x1,
                double y0, double y1, boolean xTicks) {
        this.x0 = x0;
        this.x1 = x1 == x0 ? x0 + 1 : x1;
        this.y0 = y0;
        this.y1 = y1 == y0 ? y0 + 1 : y1;
        sb.append(String.format(Locale.ROOT, "<svg class=\"%s\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\" "
                + "xmlns=\"http://www.w3.org/2000/svg\">", cssClass, W, H, Html.esc(alt)));
        sb.append("<title>").append(Html.esc(title)).append("</title>");
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" class=\"t\">%s</text>", W / 2, Html.esc(title)));
        axes(xLabel, yLabel, xTicks);
    }

    static Svg plot(String cssClass, String title, String alt, String xLabel, String yLabel, double x0, double x1,
                    double y0, double y1) {
        return new Svg(cssClass, title, alt, xLabel, yLabel, x0, x1, y0, y1);
    }

    double px(double x) {
        return LEFT + (x - x0) / (x1 - x0) * (W - LEFT - RIGHT);
    }

    double py(double y) {
        return H - BOTTOM - (y - y0) / (y1 - y0) * (H - TOP - BOTTOM);
    }

    private void axes(String xLabel, String yLabel, boolean xTicks) {
        sb.append(String.format(Locale.ROOT, "<g class=\"axis\"><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>"
                + "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", LEFT, H - BOTTOM, W - RIGHT, H - BOTTOM, LEFT, TOP,
                LEFT, H - BOTTOM));
        for (int i = 0; i <= 4; i++) {
            double xv = x0 + (x1 - x0) * i / 4;
            double yv = y0 + (y1 - y0) * i / 4;
            if (xTicks) {
                sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"tick\">%s</text>", px(xv),
                        H - BOTTOM + 15, num(xv)));
            }
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" class=\"ytick\">%s</text>", LEFT - 5,
                    py(yv) + 4, num(yv)));
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"lbl\">%s</text>", (LEFT + W - RIGHT) / 2,
                H - 8, Html.esc(xLabel)));
        sb.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%d\" class=\"lbl\" transform=\"rotate(-90 14 %d)\">"
                + "%s</text></g>", (TOP + H - BOTTOM) / 2, (TOP + H - BOTTOM) / 2, Html.esc(yLabel)));
    }

    static String num(double v) {
        double a = Math.abs(v);
        if (a != 0 && (a < 0.01 || a >= 100000)) {
            return String.format(Locale.ROOT, "%.1e", v);
        }
        return a >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    static String color(int i) {
        return COLORS[Math.floorMod(i, COLORS.length)];
    }

    /** A polyline of (x[i], y[i]); at most ~2000 points are drawn (evenly decimated). */
    Svg line(double[] x, double[] y, int series, double opacity, String cssClass) {
        int step = Math.max(1, x.length / 2000);
        sb.append(String.format(Locale.ROOT, "<polyline class=\"%s\" fill=\"none\" stroke=\"%s\" stroke-opacity=\"%.2f\" "
                + "points=\"", cssClass, color(series), opacity));
        for (int i = 0; i < x.length; i += step) {
            sb.append(String.format(Locale.ROOT, "%.1f,%.1f ", px(x[i]), py(y[i])));
        }
        sb.append("\"/>");
        return this;
    }

    /** Markers at (x[i], y[i]). */
    Svg points(double[] x, double[] y, int series, double radius, String cssClass) {
        sb.append("<g class=\"").append(cssClass).append("\" fill=\"").append(color(series)).append("\">");
        for (int i = 0; i < x.length; i++) {
            sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\"/>", px(x[i]), py(y[i]),
                    radius));
        }
        sb.append("</g>");
        return this;
    }

    /** Vertical shaded band from x = a to x = b with a label. */
    Svg band(double a, double b, String label, int series) {
        sb.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\" "
                + "fill-opacity=\"0.12\"/><text x=\"%.1f\" y=\"%d\" class=\"tick\">%s</text>", px(a), TOP,
                Math.max(0, px(b) - px(a)), H - TOP - BOTTOM, color(series), (px(a) + px(b)) / 2, TOP + 12,
                Html.esc(label)));
        return this;
    }

    /** A legend entry at row {@code i}. */
    Svg legend(int i, String text, int series) {
        sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                + "<text x=\"%d\" y=\"%d\" class=\"leg\">%s</text>", W - 170, TOP + 4 + 14 * i, color(series), W - 155,
                TOP + 13 + 14 * i, Html.esc(text)));
        return this;
    }

    /** Vertical bars, one per label, heights in y units from y0. */
    static String bars(String title, String alt, String yLabel, String[] labels, double[] values, double yMax) {
        Svg s = new Svg("bars", title, alt, "", yLabel, 0, labels.length, 0, yMax, false); // labels, not x values
        double w = (W - LEFT - RIGHT) / (double) labels.length;
        for (int i = 0; i < labels.length; i++) {
            // a value that could not be computed (e.g. VLF power of a short recording) draws no bar, not NaN
            double top = s.py(Double.isFinite(values[i]) ? Math.max(0, Math.min(yMax, values[i])) : 0);
            s.sb.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
                    + "<title>%s: %s</title></rect><text x=\"%.1f\" y=\"%d\" class=\"tick\">%s</text>",
                    s.px(i) + w * 0.15, top, w * 0.7, s.py(0) - top, color(i), Html.esc(labels[i]), num(values[i]),
                    s.px(i) + w / 2, H - BOTTOM + 28, Html.esc(labels[i])));
        }
        return s.end();
    }

    /**
     * A histogram: {@code counts[i]} calls fell in {@code [lower + i·width, lower + (i+1)·width)}; each
     * {@code markers} entry (x value, label) is drawn as a dashed vertical line, e.g. percentiles.
     */
    static String histogram(String title, String alt, String xLabel, String yLabel, double lower, double width,
                            long[] counts, double[] markerX, String[] markerLabels) {
        long max = 1;
        for (long c : counts) {
            max = Math.max(max, c);
        }
        Svg s = new Svg("hist", title, alt, xLabel, yLabel, lower, lower + width * counts.length, 0, max);
        for (int i = 0; i < counts.length; i++) {
            double a = lower + i * width;
            double top = s.py(counts[i]);
            s.sb.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                    + "fill=\"%s\"><title>%s to %s: %d</title></rect>", s.px(a), top,
                    Math.max(0.5, s.px(a + width) - s.px(a) - 0.5), s.py(0) - top, color(0), num(a), num(a + width),
                    counts[i]));
        }
        for (int m = 0; m < markerX.length; m++) {
            double x = s.px(Math.max(lower, Math.min(lower + width * counts.length, markerX[m])));
            s.sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" "
                    + "stroke-dasharray=\"4 3\"/><text x=\"%.1f\" y=\"%d\" class=\"tick\">%s</text>", x, TOP, x,
                    H - BOTTOM, color(m + 1), x, TOP - 2 + 11 * (m % 3), Html.esc(markerLabels[m])));
        }
        return s.end();
    }

    /** A heat map of counts with row and column labels, cell text showing the count. */
    static String heatmap(String title, String alt, String[] labels, int[][] counts) {
        int n = labels.length;
        int cell = Math.max(14, Math.min(48, 420 / Math.max(1, n)));
        int left = 110;
        int top = 40;
        int w = left + cell * n + 20;
        int h = top + cell * n + 60;
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg class=\"heatmap\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\" "
                + "xmlns=\"http://www.w3.org/2000/svg\"><title>%s</title><text x=\"%d\" y=\"18\" class=\"t\">%s</text>",
                w, h, Html.esc(alt), Html.esc(title), w / 2, Html.esc(title)));
        for (int r = 0; r < n; r++) {
            long rowSum = 0;
            for (int v : counts[r]) {
                rowSum += v;
            }
            for (int c = 0; c < n; c++) {
                double share = rowSum == 0 ? 0 : (double) counts[r][c] / rowSum;
                b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
                        + "fill=\"rgb(%d,%d,%d)\"><title>true %s, predicted %s: %d</title></rect>", left + c * cell,
                        top + r * cell, cell - 1, cell - 1, (int) (255 - 224 * share), (int) (255 - 136 * share),
                        (int) (255 - 75 * share), Html.esc(labels[r]), Html.esc(labels[c]), counts[r][c]));
                if (n <= 12) {
                    b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"cell\">%d</text>",
                            left + c * cell + cell / 2, top + r * cell + cell / 2 + 4, counts[r][c]));
                }
            }
            if (n <= 24) {
                b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"ytick\">%s</text>", left - 5,
                        top + r * cell + cell / 2 + 4, Html.esc(labels[r])));
            }
        }
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"lbl\">predicted person</text>"
                + "<text x=\"12\" y=\"%d\" class=\"lbl\" transform=\"rotate(-90 12 %d)\">true person</text></svg>",
                left + cell * n / 2, top + cell * n + 30, top + cell * n / 2, top + cell * n / 2));
        return b.toString();
    }

    String end() {
        return sb.append("</svg>").toString();
    }
}
