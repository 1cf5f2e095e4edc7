package io.github.ecgid.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Tiny inline-SVG plotting: line and scatter charts with labelled axes, bar charts, histograms, DET curves and
 * heat maps. Every plot carries a {@code <title>} and an {@code aria-label} as its text alternative. No scripts,
 * no external requests.
 *
 * <p>Axes ({@link Axis}) are numeric with "nice" ticks (steps of 1, 2 or 5 × 10^k, the range widened to whole
 * steps), integer-only (epochs, counts), categorical (one labelled tick per bar) or normal-deviate (DET). Legends
 * sit in a strip between the title and the plot area, never over the data.
 */
final class Svg {
    static final int W = 720;
    /** Height of the plot area of an ordinary chart, in SVG units. */
    static final int PLOT_H = 185;
    private static final int RIGHT = 20;
    /** Title at y 18, legend strip at y 32..44, plot area from here. */
    static final int TOP = 52;
    private static final int BOTTOM = 45;
    private static final double CHAR_W = 6.0; // width of a 10 px tick character, generously
    private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
        "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};
    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1,
            NormalDistribution.DEFAULT_INVERSE_ABSOLUTE_ACCURACY);

    /**
     * One axis: values are mapped through {@code transform} (identity, or the inverse normal CDF for DET
     * axes), then linearly from [{@code lo}, {@code hi}] onto the plot area. Ticks are given in transformed
     * units with their labels.
     */
    record Axis(double lo, double hi, double[] ticks, String[] labels, DoubleUnaryOperator transform) {
        Axis {
            if (!(hi > lo)) {
                throw new IllegalArgumentException("empty axis range " + lo + " .. " + hi);
            }
        }

        /** Where a data value lands, in transformed units, clamped to the axis range. */
        double at(double value) {
            double t = transform.applyAsDouble(value);
            if (Double.isNaN(t)) {
                return t;
            }
            return Math.max(lo, Math.min(hi, t));
        }

        /**
         * Round ticks covering {@code [min, max]}: the smallest step of 1, 2 or 5 × 10^k that gives at most
         * {@code maxIntervals} intervals; the axis runs from the last tick at or below {@code min} to the first at
         * or above {@code max}.
         */
        static Axis nice(double min, double max, int maxIntervals) {
            return nice(min, max, maxIntervals, false);
        }

        /** Like {@link #nice} with integer ticks only (step at least 1), for epochs and counts. */
        static Axis integer(double min, double max, int maxIntervals) {
            return nice(min, max, maxIntervals, true);
        }

        private static Axis nice(double min, double max, int maxIntervals, boolean integer) {
            if (!Double.isFinite(min) || !Double.isFinite(max)) {
                min = 0;
                max = 1;
            }
            if (max < min) {
                double t = min;
                min = max;
                max = t;
            }
            if (max == min) {
                double pad = integer ? 1 : (min == 0 ? 1 : Math.abs(min) * 0.1);
                min -= integer ? 0 : pad;
                max += pad;
            }
            double step = niceStep((max - min) / Math.max(1, maxIntervals));
            if (integer) {
                step = Math.max(1, step);
            }
            long a = (long) Math.floor(min / step + 1e-9);
            long b = (long) Math.ceil(max / step - 1e-9);
            if (b == a) {
                b = a + 1;
            }
            double[] ticks = new double[(int) (b - a + 1)];
            String[] labels = new String[ticks.length];
            for (int i = 0; i < ticks.length; i++) {
                ticks[i] = (a + i) * step;
                labels[i] = tickLabel(ticks[i], step);
            }
            return new Axis(ticks[0], ticks[ticks.length - 1], ticks, labels, DoubleUnaryOperator.identity());
        }

        /** One tick per category, centred on slot i of [0, n); no numeric labels. */
        static Axis categories(String[] labels) {
            double[] ticks = new double[labels.length];
            for (int i = 0; i < labels.length; i++) {
                ticks[i] = i + 0.5;
            }
            return new Axis(0, Math.max(1, labels.length), ticks, labels.clone(), DoubleUnaryOperator.identity());
        }

        /**
         * An error-rate axis on the normal-deviate (probit) scale as ISO/IEC 19795-1 draws DET curves: a rate
         * {@code p} sits at the inverse standard normal CDF of {@code p}; ticks at 0.1, 0.2, 0.5, 1, 2, 5, 10, 20,
         * 40 % (extended down by decades, 0.01 %, 0.001 %, ..., when a non-zero rate is smaller than 0.1 %, up
         * to 60-99 % when
         * {@code needsAbove40} says so); the axis ends half a step below the lowest tick, where zero rates are
         * clamped, and at 50 % (or 99.5 %).
         */
        static Axis rates(double smallestPositiveRate, boolean needsAbove40) {
            List<Double> t = new ArrayList<>(List.of(0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.4));
            double floor = 1e-6;
            while (t.get(0) > floor && Double.isFinite(smallestPositiveRate) && smallestPositiveRate > 0
                    && smallestPositiveRate < t.get(0)) {
                // decades only below 0.1 %: on this scale 1-2-5 ticks down there would overprint each other
                t.add(0, roundSignificant(t.get(0) / 10));
            }
            double top = 0.5;
            if (needsAbove40) {
                t.addAll(List.of(0.6, 0.8, 0.9, 0.95, 0.99));
                top = 0.995;
            }
            double lowest = t.get(0);
            double lo = Svg.probit(lowest / 2);
            double hi = Svg.probit(top);
            double[] ticks = new double[t.size()];
            String[] labels = new String[t.size()];
            for (int i = 0; i < ticks.length; i++) {
                ticks[i] = Svg.probit(t.get(i));
                labels[i] = percentLabel(t.get(i));
            }
            return new Axis(lo, hi, ticks, labels, Svg::probit);
        }

        private static double roundSignificant(double v) {
            return Double.parseDouble(String.format(Locale.ROOT, "%.3g", v));
        }

        private static String percentLabel(double rate) {
            double pct = rate * 100;
            String s = String.format(Locale.ROOT, "%.4f", pct).replaceAll("0+$", "").replaceAll("\\.$", "");
            return s;
        }

        /** The longest tick label, in characters. */
        int widestLabel() {
            int w = 0;
            for (String l : labels) {
                w = Math.max(w, l.length());
            }
            return w;
        }
    }

    /** The inverse standard normal CDF (probit); 0 maps to -∞ and 1 to +∞. */
    static double probit(double p) {
        if (Double.isNaN(p)) {
            return Double.NaN;
        }
        if (p <= 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (p >= 1) {
            return Double.POSITIVE_INFINITY;
        }
        return STANDARD_NORMAL.inverseCumulativeProbability(p);
    }

    /** The smallest of 1, 2, 5 × 10^k that is at least {@code raw}. */
    static double niceStep(double raw) {
        if (!(raw > 0) || !Double.isFinite(raw)) {
            return 1;
        }
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double norm = raw / mag;
        double m = norm <= 1 + 1e-9 ? 1 : norm <= 2 + 1e-9 ? 2 : norm <= 5 + 1e-9 ? 5 : 10;
        return m * mag;
    }

    /** A tick label with as many decimals as the step needs: 0.5 → "0.5", 20 → "20", 2e-4 → "0.0002". */
    static String tickLabel(double value, double step) {
        double v = Math.round(value / step) * step;
        if (Math.abs(v) < step * 1e-6) {
            return "0";
        }
        if (step >= 1e6 || step < 1e-4) {
            int exp = (int) Math.floor(Math.log10(step) + 1e-9);
            double mant = v / Math.pow(10, exp);
            return String.format(Locale.ROOT, "%.0fe%d", mant, exp);
        }
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private final StringBuilder sb = new StringBuilder();
    private final Axis xa;
    private final Axis ya;
    private final int w;
    private final int h;
    private final int left;
    private final int top;
    private final int plotW;
    private final int plotH;
    private double legendX;

    private Svg(String cssClass, String title, String alt, String xLabel, String yLabel, Axis x, Axis y, int width,
                int plotHeight, int bottom, boolean xNumeric) {
        this.xa = x;
        this.ya = y;
        this.left = leftMargin(y);
        this.top = TOP;
        this.w = width;
        this.plotW = width - left - RIGHT;
        this.plotH = plotHeight;
        this.h = TOP + plotHeight + bottom;
        this.legendX = left;
        sb.append(String.format(Locale.ROOT, "<svg class=\"%s\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\" "
                + "xmlns=\"http://www.w3.org/2000/svg\">", cssClass, w, h, Html.esc(alt)));
        sb.append("<title>").append(Html.esc(title)).append("</title>");
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" class=\"t\">%s</text>", w / 2, Html.esc(title)));
        axes(xLabel, yLabel, xNumeric);
    }

    /** Room left of the plot area for the y tick labels and, left of them, the rotated y-axis label. */
    private static int leftMargin(Axis y) {
        return (int) Math.max(56, 30 + CHAR_W * y.widestLabel());
    }

    /** A chart with nice numeric axes covering {@code [x0, x1]} and {@code [y0, y1]}. */
    static Svg plot(String cssClass, String title, String alt, String xLabel, String yLabel, double x0, double x1,
                    double y0, double y1) {
        return plot(cssClass, title, alt, xLabel, yLabel, Axis.nice(x0, x1, 10), Axis.nice(y0, y1, 6));
    }

    /** A chart with the given axes. */
    static Svg plot(String cssClass, String title, String alt, String xLabel, String yLabel, Axis x, Axis y) {
        return new Svg(cssClass, title, alt, xLabel, yLabel, x, y, W, PLOT_H, BOTTOM, true);
    }

    /** A chart with a square plot area (DET curves) and the given axes. */
    static Svg square(String cssClass, String title, String alt, String xLabel, String yLabel, Axis x, Axis y) {
        int side = 380; // a square plot area, so that the diagonal is x = y
        int left = leftMargin(y);
        return new Svg(cssClass, title, alt, xLabel, yLabel, x, y, left + side + RIGHT, side, BOTTOM, true);
    }

    double px(double x) {
        return left + (xa.at(x) - xa.lo()) / (xa.hi() - xa.lo()) * plotW;
    }

    double py(double y) {
        return top + plotH - (ya.at(y) - ya.lo()) / (ya.hi() - ya.lo()) * plotH;
    }

    /** x position of a value already in the axis's transformed units (a tick). */
    private double tx(double t) {
        return left + (t - xa.lo()) / (xa.hi() - xa.lo()) * plotW;
    }

    private double ty(double t) {
        return top + plotH - (t - ya.lo()) / (ya.hi() - ya.lo()) * plotH;
    }

    private void axes(String xLabel, String yLabel, boolean xNumeric) {
        int bottomY = top + plotH;
        sb.append("<g class=\"grid\" stroke=\"#e6e6e6\">");
        for (double t : ya.ticks()) {
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>", left, ty(t),
                    left + plotW, ty(t)));
        }
        if (xNumeric) {
            for (double t : xa.ticks()) {
                sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>", tx(t), top,
                        tx(t), bottomY));
            }
        }
        sb.append("</g>");
        sb.append(String.format(Locale.ROOT, "<g class=\"axis\"><line class=\"xaxis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" "
                + "y2=\"%d\"/><line class=\"yaxis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", left, bottomY,
                left + plotW, bottomY, left, top, left, bottomY));
        for (int i = 0; i < ya.ticks().length; i++) {
            double y = ty(ya.ticks()[i]);
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" class=\"ytick\">%s</text>", left - 4, y, left, y, left - 6, y + 3.5,
                    Html.esc(ya.labels()[i])));
        }
        if (xNumeric) {
            for (int i = 0; i < xa.ticks().length; i++) {
                double x = tx(xa.ticks()[i]);
                sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>"
                        + "<text x=\"%.1f\" y=\"%d\" class=\"tick\">%s</text>", x, bottomY, x, bottomY + 4, x,
                        bottomY + 15, Html.esc(xa.labels()[i])));
            }
        }
        if (!xLabel.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"lbl\">%s</text>", left + plotW / 2,
                    bottomY + 35, Html.esc(xLabel)));
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%d\" class=\"lbl\" transform=\"rotate(-90 14 %d)\">"
                + "%s</text></g>", top + plotH / 2, top + plotH / 2, Html.esc(yLabel)));
    }

    /** Numbers for tooltips and alt texts (not ticks). */
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

    /** A polyline of (x[i], y[i]); at most ~2000 points are drawn (evenly decimated); non-finite points skipped. */
    Svg line(double[] x, double[] y, int series, double opacity, String cssClass) {
        int step = Math.max(1, x.length / 2000);
        sb.append(String.format(Locale.ROOT, "<polyline class=\"%s\" fill=\"none\" stroke=\"%s\" stroke-opacity=\"%.2f\" "
                + "points=\"", cssClass, color(series), opacity));
        for (int i = 0; i < x.length; i += step) {
            double a = px(x[i]);
            double b = py(y[i]);
            if (Double.isFinite(a) && Double.isFinite(b)) {
                sb.append(String.format(Locale.ROOT, "%.1f,%.1f ", a, b));
            }
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

    /** Vertical shaded band from x = a to x = b, labelled in the strip above the plot area. */
    Svg band(double a, double b, String label, int series) {
        double xa0 = px(a);
        double xb = px(b);
        sb.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\" "
                + "fill-opacity=\"0.12\"/><text x=\"%.1f\" y=\"%d\" class=\"tick\">%s</text>", xa0, top,
                Math.max(0, xb - xa0), plotH, color(series), Math.max(xa0 + 10, (xa0 + xb) / 2), top - 4,
                Html.esc(label)));
        return this;
    }

    /** A dashed vertical line at x = {@code x} across the plot area. */
    Svg vline(double x, int series) {
        sb.append(String.format(Locale.ROOT, "<line class=\"vline\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
                + "stroke=\"%s\" stroke-dasharray=\"4 3\"/>", px(x), top, px(x), top + plotH, color(series)));
        return this;
    }

    /** A dashed horizontal line at y = {@code y} across the plot area. */
    Svg hline(double y, int series) {
        sb.append(String.format(Locale.ROOT, "<line class=\"hline\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
                + "stroke=\"%s\" stroke-dasharray=\"4 3\"/>", left, py(y), left + plotW, py(y), color(series)));
        return this;
    }

    /** Free text at data coordinates (x, y), shifted by (dx, dy) SVG units. */
    Svg text(double x, double y, double dx, double dy, String text, String cssClass) {
        sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" class=\"%s\">%s</text>", px(x) + dx,
                py(y) + dy, cssClass, Html.esc(text)));
        return this;
    }

    /** The next legend entry, in the strip between the title and the plot area (left to right). */
    Svg legend(String text, int series) {
        sb.append(String.format(Locale.ROOT, "<g class=\"legend\"><rect x=\"%.1f\" y=\"%d\" width=\"10\" height=\"10\" "
                + "fill=\"%s\"/><text x=\"%.1f\" y=\"%d\" class=\"leg\">%s</text></g>", legendX, top - 20,
                color(series), legendX + 14, top - 11, Html.esc(text)));
        legendX += 14 + 6.5 * text.length() + 16;
        return this;
    }

    /**
     * Vertical bars on a categorical axis, one labelled tick per label. The value axis has nice ticks from
     * min(0, smallest value) to max({@code yMax}, largest value); negative values draw downwards from 0.
     * Many or long labels are slanted and the chart widens so that every category keeps its label.
     */
    static String bars(String title, String alt, String yLabel, String[] labels, double[] values, double yMax) {
        return bars(title, alt, yLabel, labels, values, yMax, Double.NaN, "");
    }

    /**
     * {@link #bars(String, String, String, String[], double[], double)} with a dashed horizontal line at
     * {@code lineAt} (NaN for none), e.g. a decision threshold, named {@code lineLabel} in the legend strip.
     */
    static String bars(String title, String alt, String yLabel, String[] labels, double[] values, double yMax,
                       double lineAt, String lineLabel) {
        double lo = 0;
        double hi = Double.isFinite(yMax) && yMax > 0 ? yMax : 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (Double.isFinite(lineAt)) {
            lo = Math.min(lo, lineAt);
            hi = Math.max(hi, lineAt);
        }
        if (hi <= lo) {
            hi = lo + 1;
        }
        int n = labels.length;
        int longest = 1;
        for (String l : labels) {
            longest = Math.max(longest, l.length());
        }
        Axis y = Axis.nice(lo, hi, 6);
        int left = leftMargin(y);
        double slot = (W - left - RIGHT) / (double) Math.max(1, n);
        boolean slant = CHAR_W * longest + 6 > slot;
        int width = W;
        if (slant) {
            width = Math.max(W, left + RIGHT + 18 * n); // a slanted 10 px label needs ~ 14 units across
        }
        int bottom = slant ? (int) Math.max(BOTTOM, 22 + CHAR_W * longest * 0.72) : BOTTOM;
        Svg s = new Svg("bars", title, alt, "", yLabel, Axis.categories(labels), y, width, PLOT_H, bottom, false);
        double w = s.plotW / (double) Math.max(1, n);
        double zero = s.py(0);
        int bottomY = s.top + s.plotH;
        if (y.lo() < 0) {
            s.sb.append(String.format(Locale.ROOT, "<line class=\"zero\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
                    + "stroke=\"#444\"/>", s.left, zero, s.left + s.plotW, zero));
        }
        for (int i = 0; i < n; i++) {
            double cx = s.left + w * (i + 0.5);
            // a value that could not be computed (e.g. VLF power of a short recording) draws no bar, not NaN
            double v = Double.isFinite(values[i]) ? values[i] : 0;
            double end = s.py(v);
            s.sb.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                    + "fill=\"%s\"><title>%s: %s</title></rect>", cx - w * 0.35, Math.min(zero, end), w * 0.7,
                    Math.abs(zero - end), color(0), Html.esc(labels[i]), num(values[i])));
            s.sb.append(String.format(Locale.ROOT, "<line class=\"cat\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
                    + "stroke=\"#444\"/>", cx, bottomY, cx, bottomY + 4));
            if (slant) {
                s.sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"ytick\" "
                        + "transform=\"rotate(-45 %.1f %d)\">%s</text>", cx + 3, bottomY + 12, cx + 3, bottomY + 12,
                        Html.esc(labels[i])));
            } else {
                s.sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"tick\">%s</text>", cx,
                        bottomY + 16, Html.esc(labels[i])));
            }
        }
        if (Double.isFinite(lineAt)) {
            s.hline(lineAt, 7).legend(lineLabel, 7);
        }
        String svg = s.end();
        if (width > W) {
            // keep the labels legible: the chart keeps its width and the page scrolls it sideways
            svg = "<div style=\"overflow-x:auto\">" + svg.replaceFirst("<svg ", "<svg style=\"min-width:" + width
                    + "px\" ") + "</div>";
        }
        return svg;
    }

    /**
     * A histogram: {@code counts[i]} calls fell in {@code [lower + i·width, lower + (i+1)·width)}; each
     * {@code markers} entry (x value, label) is drawn as a dashed vertical line, e.g. percentiles, labelled
     * above the plot area.
     */
    static String histogram(String title, String alt, String xLabel, String yLabel, double lower, double width,
                            long[] counts, double[] markerX, String[] markerLabels) {
        long max = 1;
        for (long c : counts) {
            max = Math.max(max, c);
        }
        double upper = lower + width * counts.length;
        Svg s = plot("hist", title, alt, xLabel, yLabel, Axis.nice(lower, upper, 10), Axis.integer(0, max, 5));
        for (int i = 0; i < counts.length; i++) {
            double a = lower + i * width;
            double top = s.py(counts[i]);
            s.sb.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                    + "fill=\"%s\"><title>%s to %s: %d</title></rect>", s.px(a), top,
                    Math.max(0.5, s.px(a + width) - s.px(a) - 0.5), s.py(0) - top, color(0), num(a), num(a + width),
                    counts[i]));
        }
        for (int m = 0; m < markerX.length; m++) {
            double x = s.px(Math.max(lower, Math.min(upper, markerX[m])));
            s.sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" "
                    + "stroke-dasharray=\"4 3\"/><text x=\"%.1f\" y=\"%d\" class=\"tick\">%s</text>", x, s.top, x,
                    s.top + s.plotH, color(m + 1), x, s.top - 4 - 12 * (m % 2), Html.esc(markerLabels[m])));
        }
        return s.end();
    }

    /**
     * A DET curve on normal-deviate axes (ISO/IEC 19795-1): false-accept rate across, false-reject rate up,
     * both through the inverse normal CDF, ticks in percent; zero rates sit on the lower/left edge. The EER point
     * is marked and labelled, and the dashed diagonal is FAR = FRR.
     */
    static String det(String title, String alt, double[] far, double[] frr, double eer) {
        double smallest = Double.POSITIVE_INFINITY;
        for (double[] rates : new double[][] {far, frr}) {
            for (double r : rates) {
                if (r > 0) {
                    smallest = Math.min(smallest, r);
                }
            }
        }
        Axis a = Axis.rates(smallest, eer > 0.4);
        Svg s = square("det", title, alt, "false-accept rate (%, normal-deviate scale)",
                "false-reject rate (%, normal-deviate scale)", a, a);
        s.sb.append(String.format(Locale.ROOT, "<line class=\"diag\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
                + "stroke=\"#999\" stroke-dasharray=\"3 3\"/>", s.left, s.top + s.plotH, s.left + s.plotW, s.top));
        s.line(far, frr, 0, 1, "detl");
        if (Double.isFinite(eer)) {
            s.points(new double[] {eer}, new double[] {eer}, 1, 4, "eer");
            String label = String.format(Locale.ROOT, "EER %.2f %%", 100 * eer);
            boolean right = s.px(eer) + 8 + 6.5 * label.length() < s.left + s.plotW;
            // to the right of the point, or left of it (right-aligned) near the right edge
            s.text(eer, eer, right ? 8 : -8, right ? -6 : 14, label, right ? "leg" : "ytick");
        }
        s.legend("DET curve", 0).legend("equal error rate", 1);
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
