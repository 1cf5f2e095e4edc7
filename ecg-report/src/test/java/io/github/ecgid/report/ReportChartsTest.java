package io.github.ecgid.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.ecgid.model.identify.Identification;
import io.github.ecgid.model.identify.VerificationMetrics;
import io.github.ecgid.model.nn.EpochMetrics;
import io.github.ecgid.signal.detect.Detector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the report's charts show: round ticks, categorical bars, ms beat axes, probit DET axes, units. */
class ReportChartsTest {
    private static final NormalDistribution N01 = new NormalDistribution(0, 1);
    private static String recordHtml;

    @BeforeAll
    static void renderRecord() {
        recordHtml = RecordReport.analyze(RecordReportTest.REC.record(), null, Detector.PAN_TOMPKINS, 50)
                .reportBuilder().build().html();
    }

    @Test
    void niceAxisTicksAreOneTwoOrFiveTimesAPowerOfTenAndCoverTheData() {
        double[][] ranges = {{-0.38, 1.46}, {747, 897}, {0, 59.42}, {0, 0.44}, {0, 12345}, {0.0003, 0.0021},
            {-250, 446}, {5, 5}, {-0.84, 1.89}};
        for (double[] r : ranges) {
            Svg.Axis a = Svg.Axis.nice(r[0], r[1], 6);
            assertThat(a.lo()).as("axis start for %s", List.of(r[0], r[1])).isLessThanOrEqualTo(r[0]);
            assertThat(a.hi()).isGreaterThanOrEqualTo(r[1]);
            assertThat(a.ticks().length).isBetween(2, 8);
            assertRoundTicks(a.labels());
        }
    }

    @Test
    void tickLabelsUseOnlyTheDecimalsTheStepNeeds() {
        assertThat(Svg.Axis.nice(-0.38, 1.46, 6).labels()).containsExactly("-0.5", "0", "0.5", "1.0", "1.5");
        assertThat(Svg.Axis.nice(0, 20, 10).labels()).containsExactly("0", "2", "4", "6", "8", "10", "12", "14",
                "16", "18", "20");
    }

    @Test
    void epochAxesHaveWholeNumberTicksOnly() {
        assertThat(Svg.Axis.integer(1, 3, 10).labels()).containsExactly("1", "2", "3");
        assertThat(Svg.Axis.integer(1, 2, 10).labels()).containsExactly("1", "2");
        for (String l : Svg.Axis.integer(1, 12, 10).labels()) {
            assertThat(l).matches("\\d+");
        }
        String html = EcgReport.builder("t").training(List.of(
                new EpochMetrics(1, 3, 1.1, 0.55, 1.2, 0.5, 1e-3, 1, 2, true),
                new EpochMetrics(2, 3, 0.7, 0.8, 0.8, 0.75, 1e-3, 2, 1, true),
                new EpochMetrics(3, 3, 0.4, 0.92, 0.6, 0.85, 1e-3, 3, 0, true))).build().html();
        for (String svg : svgs(html, "curve")) {
            assertThat(texts(svg, "tick")).containsExactly("1", "2", "3");
            assertRoundTicks(texts(svg, "ytick").toArray(new String[0]));
        }
    }

    @Test
    void everyNumericAxisOfTheRecordReportHasRoundTicks() {
        for (String cls : new String[] {"signal", "beats", "tachogram", "poincare", "psd"}) {
            String svg = svgs(recordHtml, cls).get(0);
            assertRoundTicks(texts(svg, "ytick").toArray(new String[0]));
            List<String> x = texts(svg, "tick");
            if (cls.equals("psd")) {
                x.removeAll(List.of("VLF", "LF", "HF"));
            }
            assertRoundTicks(x.toArray(new String[0]));
        }
    }

    @Test
    void beatOverlayIsDrawnInMillisecondsAroundTheRPeak() {
        String svg = svgs(recordHtml, "beats").get(0);
        assertThat(svg).contains("time from R-peak (ms)").doesNotContain("sample of");
        List<String> x = texts(svg, "tick");
        assertThat(x).contains("-200", "0", "200", "400");
        assertThat(Double.parseDouble(x.get(0))).isBetween(-300.0, -250.0);
        assertThat(Double.parseDouble(x.get(x.size() - 1))).isBetween(446.0, 500.0);
        assertThat(svg).contains("class=\"vline\""); // the R-peak at 0 ms
    }

    @Test
    void legendsSitInTheStripAboveThePlotArea() {
        String svg = svgs(recordHtml, "signal").get(0);
        double plotTop = attr(find(svg, "<line class=\"yaxis\"[^>]*>"), "y1");
        List<String> legends = all(svg, "<g class=\"legend\">.*?</g>");
        assertThat(legends).hasSize(3);
        for (String g : legends) {
            String rect = find(g, "<rect[^>]*>");
            assertThat(attr(rect, "y") + attr(rect, "height")).isLessThanOrEqualTo(plotTop);
            assertThat(attr(find(g, "<text[^>]*>"), "y")).isLessThan(plotTop).isGreaterThan(20);
        }
    }

    @Test
    void psdLabelsStayInsideTheChartAndClearOfThePlot() {
        String svg = svgs(recordHtml, "psd").get(0);
        double plotTop = attr(find(svg, "<line class=\"yaxis\"[^>]*>"), "y1");
        double left = attr(find(svg, "<line class=\"yaxis\"[^>]*>"), "x1");
        for (String band : List.of("VLF", "LF", "HF")) {
            String t = find(svg, "<text[^>]*>" + band + "</text>");
            assertThat(attr(t, "y")).as(band).isLessThan(plotTop);
        }
        for (String l : texts(svg, "ytick")) {
            // right-aligned at left - 6: its start must stay right of the rotated axis label (x 8..20)
            assertThat(left - 6 - 6.0 * l.length()).as(l).isGreaterThanOrEqualTo(22);
        }
        assertThat(svg).contains("power density (ms²/Hz)");
    }

    @Test
    void barChartsHaveOneLabelledTickPerCategoryAndNoNumericXAxis() {
        String svg = Svg.bars("t", "a", "power (ms²)", new String[] {"VLF", "LF", "HF"},
                new double[] {Double.NaN, 120, 440}, 480);
        assertThat(texts(svg, "tick")).containsExactly("VLF", "LF", "HF");
        assertThat(all(svg, "<line class=\"cat\"")).hasSize(3);
        assertRoundTicks(texts(svg, "ytick").toArray(new String[0]));
    }

    @Test
    void identificationShowsABarForEveryPersonAndNegativeCosinesBelowZero() {
        List<Identification.Candidate> c = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            c.add(new Identification.Candidate(String.format("person-%02d", i + 1), 0.9 - 0.1 * i));
        }
        String html = EcgReport.builder("t").identification(new Identification("person-01", 0.9, 0.6, 12,
                Identification.Mode.OPEN_SET, c)).build().html();
        String svg = svgs(html, "bars").get(0);
        List<String> bars = all(svg, "<rect [^>]*><title>[^<]*</title></rect>");
        assertThat(bars).hasSize(14);
        for (int i = 0; i < 14; i++) {
            assertThat(svg).contains(String.format("person-%02d</text>", i + 1));
        }
        List<String> y = texts(svg, "ytick");
        assertThat(Double.parseDouble(y.get(0))).isLessThanOrEqualTo(-0.4); // lowest score -0.4
        assertThat(y).contains("0");
        double zero = attr(find(svg, "<line class=\"zero\"[^>]*>"), "y1");
        String last = bars.get(13);
        assertThat(attr(last, "y")).isCloseTo(zero, within(0.11)); // drawn downwards from 0
        assertThat(attr(last, "height")).isGreaterThan(10);
        assertThat(svg).contains("class=\"hline\"", "threshold 0.60");
    }

    @Test
    void detCurveUsesNormalDeviateAxesWithPercentTicks() {
        double[] far = {0.5, 0.1, 0.01, 0.002, 0};
        double[] frr = {0, 0.01, 0.1, 0.2, 0.35};
        String svg = Svg.det("DET", "alt", far, frr, 0.05);
        List<String> x = texts(svg, "tick");
        assertThat(x).containsSubsequence("0.1", "0.2", "0.5", "1", "2", "5", "10", "20", "40");
        double x1 = tickX(svg, "1");
        double x2 = tickX(svg, "2");
        double x5 = tickX(svg, "5");
        double probitRatio = (N01.inverseCumulativeProbability(0.02) - N01.inverseCumulativeProbability(0.01))
                / (N01.inverseCumulativeProbability(0.05) - N01.inverseCumulativeProbability(0.02));
        assertThat((x2 - x1) / (x5 - x2)).isCloseTo(probitRatio, within(0.02));
        double[][] pts = points(find(svg, "<polyline class=\"detl\"[^>]*>"));
        assertThat(pts[2][0]).as("FAR 1 %% sits on the 1 %% tick").isCloseTo(x1, within(0.11));
        double left = attr(find(svg, "<line class=\"yaxis\"[^>]*>"), "x1");
        double bottom = attr(find(svg, "<line class=\"xaxis\"[^>]*>"), "y1");
        assertThat(pts[4][0]).as("FAR 0 clamped to the left edge").isCloseTo(left, within(0.11));
        assertThat(pts[0][1]).as("FRR 0 clamped to the bottom edge").isCloseTo(bottom, within(0.11));
        assertThat(left).isLessThan(tickX(svg, "0.1"));
    }

    @Test
    void detAxisExtendsByDecadesBelowOneInAThousandAndClampsZeroBelowItsLowestTick() {
        Svg.Axis a = Svg.Axis.rates(0.0003, false);
        assertThat(a.labels()).startsWith("0.01", "0.1", "0.2", "0.5", "1").endsWith("20", "40");
        assertThat(a.at(0)).isEqualTo(a.lo()).isLessThan(a.ticks()[0]);
        assertThat(a.at(1)).isEqualTo(a.hi()).isEqualTo(0.0); // the axis ends at 50 %
        assertThat(a.at(0.01)).isCloseTo(N01.inverseCumulativeProbability(0.01), within(1e-9));
    }

    @Test
    void detCurveMarksTheEqualErrorRate() {
        VerificationMetrics v = VerificationMetrics.of(new double[] {0.9, 0.85, 0.95, 0.7},
                new double[] {0.2, 0.4, 0.75, 0.1, 0.3});
        String svg = svgs(EcgReport.builder("t").verification(v).build().html(), "det").get(0);
        String eer = find(svg, "<g class=\"eer\"[^>]*><circle[^>]*>");
        double cx = attr(find(eer, "<circle[^>]*>"), "cx");
        double cy = attr(find(eer, "<circle[^>]*>"), "cy");
        double left = attr(find(svg, "<line class=\"yaxis\"[^>]*>"), "x1");
        double bottom = attr(find(svg, "<line class=\"xaxis\"[^>]*>"), "y1");
        assertThat(cx - left).as("on the diagonal of the square plot").isCloseTo(bottom - cy, within(0.5));
        assertThat(svg).contains(String.format(java.util.Locale.ROOT, "EER %.2f %%", 100 * v.eer()));
    }

    @Test
    void hrvTableGivesAUnitForEveryIndex() {
        Map<String, Double> m = RecordReport.analyze(RecordReportTest.REC.record(), null, Detector.PAN_TOMPKINS, 50)
                .hrv().asMap();
        for (String k : m.keySet()) {
            assertThat(EcgReport.hrvUnit(k)).as(k).isNotEmpty();
        }
        assertThat(recordHtml).contains("<th>HRV_SDNN</th><td class=\"num\">")
                .containsPattern("<th>HRV_SDNN</th><td[^>]*>[^<]*</td><td>ms</td>")
                .containsPattern("<th>HRV_pNN50</th><td[^>]*>[^<]*</td><td>%</td>")
                .containsPattern("<th>HRV_HF</th><td[^>]*>[^<]*</td><td>ms²</td>")
                .containsPattern("<th>HRV_MeanHR</th><td[^>]*>[^<]*</td><td>beats/min</td>")
                .containsPattern("<th>HRV_LFHF</th><td[^>]*>[^<]*</td><td>ratio</td>");
    }

    /** Equally spaced labels whose step is 1, 2 or 5 × 10^k and whose values are multiples of the step. */
    private static void assertRoundTicks(String[] labels) {
        assertThat(labels.length).as("ticks").isGreaterThanOrEqualTo(2);
        double step = Double.parseDouble(labels[1]) - Double.parseDouble(labels[0]);
        double mant = step / Math.pow(10, Math.floor(Math.log10(step) + 1e-9));
        assertThat(mant).as("step %s of %s", step, List.of(labels)).satisfiesAnyOf(
                v -> assertThat(v).isCloseTo(1, within(1e-6)), v -> assertThat(v).isCloseTo(2, within(1e-6)),
                v -> assertThat(v).isCloseTo(5, within(1e-6)));
        for (int i = 0; i < labels.length; i++) {
            double v = Double.parseDouble(labels[i]);
            assertThat(v / step).as("%s is a multiple of %s", labels[i], step)
                    .isCloseTo(Math.rint(v / step), within(1e-6));
            if (i > 0) {
                assertThat(v - Double.parseDouble(labels[i - 1])).isCloseTo(step, within(step * 1e-6));
            }
        }
    }

    private static List<String> svgs(String html, String cssClass) {
        List<String> out = all(html, "<svg class=\"" + cssClass + "\".*?</svg>");
        assertThat(out).as("svg " + cssClass).isNotEmpty();
        return out;
    }

    private static List<String> texts(String svg, String cssClass) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<text [^>]*class=\"" + cssClass + "\"[^>]*>([^<]*)</text>").matcher(svg);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static double tickX(String svg, String label) {
        return attr(find(svg, "<text [^>]*class=\"tick\">" + Pattern.quote(label) + "</text>"), "x");
    }

    private static double[][] points(String polyline) {
        Matcher m = Pattern.compile("points=\"([^\"]*)\"").matcher(polyline);
        assertThat(m.find()).isTrue();
        String[] p = m.group(1).trim().split(" ");
        double[][] out = new double[p.length][];
        for (int i = 0; i < p.length; i++) {
            String[] xy = p[i].split(",");
            out[i] = new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])};
        }
        return out;
    }

    private static List<String> all(String s, String regex) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile(regex, Pattern.DOTALL).matcher(s);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private static String find(String s, String regex) {
        List<String> a = all(s, regex);
        assertThat(a).as(regex).isNotEmpty();
        return a.get(0);
    }

    private static double attr(String element, String name) {
        Matcher m = Pattern.compile("\\s" + name + "=\"([-0-9.]+)\"").matcher(element);
        assertThat(m.find()).as(name + " in " + element).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
