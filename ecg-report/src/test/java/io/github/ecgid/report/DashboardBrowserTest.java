package io.github.ecgid.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.ecgid.model.nn.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The synthetic dashboard in headless Chromium: the identity text, heart rate and trace are updated by
 * Server-Sent Events within seconds, with no script errors.
 */
@Tag("browser")
class DashboardBrowserTest {
    private static final String CANVAS_INK = "(function(){var c=document.getElementById('trace');"
            + "var d=c.getContext('2d').getImageData(0,0,c.width,c.height).data;"
            + "for(var i=3;i<d.length;i+=4){if(d[i]>0)return 'ink';}return 'blank';})()";

    private static final String TEXT = "(function(){var e=document.getElementById('%s');return e?e.textContent:'';})()";

    @Test
    void identityHeartRateAndTraceUpdateLive() throws Exception {
        Path exe = Chromium.executable().orElse(null);
        assumeTrue(exe != null, "chromium not installed (Debian: apt-get install -y chromium); browser test skipped");
        try (DashboardDemo demo = DashboardDemo.synthetic(3, 7, TrainingListener.none());
             Dashboard d = Dashboard.builder(demo.source()).identifier(demo.identifier()).port(0).start();
             Chromium browser = Chromium.devtools(exe)) {
            browser.navigate(d.uri().toString());
            String who = "";
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (System.nanoTime() < deadline) {
                // "" until the page has loaded, then "waiting…" until the first identity event
                who = browser.eval(TEXT.formatted("identity"));
                if (!who.isEmpty() && !who.startsWith("waiting")) {
                    break;
                }
                Thread.sleep(200);
            }
            assertThat(who).as("identity text after the first decision").matches("person-0[1-3]|unknown.*");
            assertThat(browser.eval(TEXT.formatted("confidence"))).contains("%", "beats");
            assertThat(browser.eval(TEXT.formatted("hr"))).matches("\\d{2,3}");
            assertThat(browser.eval(TEXT.formatted("status"))).startsWith("running");
            assertThat(browser.eval(CANVAS_INK)).isEqualTo("ink");
            Path png = Files.createDirectories(Path.of("target", "browser")).resolve("dashboard.png");
            browser.screenshot(png);
            assertThat(Files.size(png)).isGreaterThan(10_000);
            assertThat(browser.errors).isEmpty();
        }
    }
}
