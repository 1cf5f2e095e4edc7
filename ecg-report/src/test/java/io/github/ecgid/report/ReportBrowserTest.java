package io.github.ecgid.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.ecgid.eval.ClassificationMetrics;
import io.github.ecgid.model.identify.Identification;
import io.github.ecgid.model.identify.VerificationMetrics;
import io.github.ecgid.model.nn.EpochMetrics;
import io.github.ecgid.signal.detect.Detector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loads a report written by {@link EcgReport} in headless Chromium: SVG plots present, no script errors. */
@Tag("browser")
class ReportBrowserTest {
    @TempDir
    Path tmp;

    @Test
    void reportRendersItsPlotsWithoutConsoleErrors() throws Exception {
        Path exe = Chromium.executable().orElse(null);
        assumeTrue(exe != null, "chromium not installed (Debian: apt-get install -y chromium); browser test skipped");
        RecordReport r = RecordReport.analyze(RecordReportTest.REC.record(), null, Detector.PAN_TOMPKINS, 50);
        EcgReport report = r.reportBuilder()
                .training(List.of(new EpochMetrics(1, 3, 1.1, 0.55, 1.2, 0.5, 1e-3, 1, 2, true),
                        new EpochMetrics(2, 3, 0.7, 0.8, 0.8, 0.75, 1e-3, 2, 1, true),
                        new EpochMetrics(3, 3, 0.4, 0.92, 0.6, 0.85, 1e-3, 3, 0, true)))
                .classification(ClassificationMetrics.fromConfusion(new int[][] {{40, 2}, {3, 35}}), List.of("a", "b"))
                .verification(VerificationMetrics.of(new double[] {0.9, 0.85, 0.95, 0.7},
                        new double[] {0.2, 0.4, 0.75, 0.1, 0.3}))
                .identification(new Identification("a", 0.91, 0.8, 12, Identification.Mode.OPEN_SET,
                        List.of(new Identification.Candidate("a", 0.91), new Identification.Candidate("b", 0.42))))
                .build();
        Path html = tmp.resolve("report.html");
        report.write(html);
        String url = html.toUri().toString();

        Chromium.Run dom = Chromium.once(exe, 60, "--enable-logging=stderr", "--v=0", "--virtual-time-budget=2000",
                "--dump-dom", url);
        assertThat(dom.stdout()).contains("<svg class=\"signal\"", "<svg class=\"beats\"", "<svg class=\"tachogram\"",
                "<svg class=\"poincare\"", "<svg class=\"heatmap\"", "<svg class=\"det\"", "<svg class=\"curve\"",
                "<svg class=\"bars\"", "class=\"rpeaks\"",
                "Narrative");
        int markers = count(Pattern.compile("<g class=\"rpeaks\"[^>]*>(.*?)</g>").matcher(dom.stdout()), "<circle");
        assertThat(markers).as("R-peak markers in the first 20 s").isBetween(15, 40);
        assertThat(consoleMessages(dom.stderr(), url)).isEmpty();

        Path png = Files.createDirectories(Path.of("target", "browser")).resolve("report.png");
        Files.deleteIfExists(png);
        Chromium.Run shot = Chromium.once(exe, 60, "--hide-scrollbars", "--window-size=1100,3000",
                "--virtual-time-budget=2000", "--screenshot=" + png.toAbsolutePath(), url);
        assertThat(shot.exitCode()).isZero();
        byte[] b = Files.readAllBytes(png);
        assertThat(b.length).isGreaterThan(20_000);
        assertThat(new String(b, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }

    private static int count(Matcher group, String token) {
        int n = 0;
        if (group.find()) {
            String g = group.group(1);
            for (int i = g.indexOf(token); i >= 0; i = g.indexOf(token, i + 1)) {
                n++;
            }
        }
        return n;
    }

    /**
     * Console output of our page and uncaught exceptions. Chromium logs every console call (console.error
     * included) as {@code INFO:CONSOLE(..)] "text", source: URL}; the report writes nothing to the console, so
     * any such line from it is a failure. Chromium's own errors (dbus etc.) are not the page's.
     */
    static List<String> consoleMessages(String stderr, String url) {
        return stderr.lines().filter(l -> l.contains("Uncaught") || (l.contains(":CONSOLE") && l.contains(url)))
                .toList();
    }
}
