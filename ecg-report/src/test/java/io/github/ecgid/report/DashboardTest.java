package io.github.ecgid.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ecgid.core.EcgSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dashboard's server without a browser: page, event stream, state, loopback binding, clean close. */
class DashboardTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private String get(URI u) throws Exception {
        return http.send(HttpRequest.newBuilder(u).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void servesThePageAndStreamsTraceAndPeaksOnLoopback() throws Exception {
        EcgSource src = EcgSource.replay(RecordReportTest.REC.record(), 8.0);
        try (Dashboard d = Dashboard.builder(src).port(0).title("test <board>").start()) {
            assertThat(d.uri().getHost()).isEqualTo("127.0.0.1");
            String page = get(d.uri());
            assertThat(page).contains("test &lt;board&gt;", "id=\"identity\"", "new EventSource('/events')")
                    .doesNotContain("http://", "https://");

            HttpResponse<InputStream> sse = http.send(HttpRequest.newBuilder(d.uri().resolve("/events")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(sse.headers().firstValue("Content-Type")).hasValueSatisfying(
                    v -> assertThat(v).startsWith("text/event-stream"));
            List<String> events = new ArrayList<>();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(sse.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null && !(events.contains("trace") && events.contains("peak")
                        && events.contains("hrv"))) {
                    if (line.startsWith("event: ")) {
                        events.add(line.substring(7));
                    }
                }
            }
            assertThat(events).contains("trace", "peak", "hrv");
            String state = get(d.uri().resolve("/state"));
            assertThat(state).contains("\"status\"", "\"heartRateBpm\"");
            assertThat(get(d.uri().resolve("/nope"))).isEqualTo("not found");
        }
    }

    @Test
    void closingStopsTheServerAndEndsWhenTheSourceEnds() throws Exception {
        EcgSource src = EcgSource.replay(RecordReportTest.REC.record().slice(0, 6));
        Dashboard d = Dashboard.builder(src).port(0).start();
        URI u = d.uri();
        d.awaitEnd();
        assertThat(d.latest("status")).hasValueSatisfying(s -> assertThat(s).contains("ended"));
        d.close();
        d.close();
        assertThatThrownBy(() -> get(u)).isInstanceOfAny(ConnectException.class, IOException.class);
    }
}
