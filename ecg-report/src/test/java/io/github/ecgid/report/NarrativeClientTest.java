package io.github.ecgid.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The narrative client against a loopback stub of a chat-completions service; nothing leaves the machine. */
class NarrativeClientTest {
    private static final String OK = "{\"id\":\"x\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
            + "\"content\":\"Heart rate was steady.\\n\\nThe signal was \\\"clean\\\".\"}}]}";

    private HttpServer server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> auths = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();

    interface Answer {
        void answer(HttpExchange ex, int call) throws IOException;
    }

    private String start(Answer answer) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", ex -> {
            bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            auths.add(ex.getRequestHeaders().getFirst("Authorization"));
            answer.answer(ex, calls.incrementAndGet());
            ex.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream o = ex.getResponseBody()) {
            o.write(b);
        }
    }

    private static NarrativeFacts facts() {
        return NarrativeFacts.builder("Recording r01, 120 s at 250 Hz")
                .quality("Duration (s)", 120)
                .quality("Usable beats (fraction)", 0.9731)
                .hrv("HRV_SDNN", 48.25)
                .hrv("HRV_RMSSD", 37.5)
                .metric("Identification accuracy", 0.985)
                .build();
    }

    private static NarrativeClient.Builder client(String base) {
        return NarrativeClient.builder().baseUrl(base).apiKey("test-key-123")
                .backoff(Duration.ofMillis(20), Duration.ofMillis(200));
    }

    @Test
    void sendsOnlyTheModelThePromptsAndTheAggregateNumbers() throws Exception {
        String base = start((ex, n) -> send(ex, 200, OK));
        String text = client(base).model("my-model").build().write(facts());

        assertThat(text).isEqualTo("Heart rate was steady.\n\nThe signal was \"clean\".");
        assertThat(auths).containsExactly("Bearer test-key-123");
        JsonNode req = new ObjectMapper().readTree(bodies.get(0));
        assertThat(req.path("model").asText()).isEqualTo("my-model");
        assertThat(req.path("messages")).hasSize(2);
        assertThat(req.path("messages").path(0).path("role").asText()).isEqualTo("system");
        assertThat(req.path("messages").path(0).path("content").asText()).contains("Write in English");
        String user = req.path("messages").path(1).path("content").asText();
        assertThat(req.path("messages").path(1).path("role").asText()).isEqualTo("user");
        assertThat(user).contains("Usable beats (fraction): 0.9731", "HRV_SDNN: 48.25",
                "HRV_RMSSD: 37.50", "Identification accuracy: 0.9850");
        assertThat(bodies.get(0)).as("the free-text subject stays local").doesNotContain("Recording r01");
        // no raw data: never more than a few numbers in a row, and no JSON arrays except "messages"
        Matcher run = Pattern.compile("(-?\\d+(\\.\\d+)?[,;\\s]+){8,}").matcher(bodies.get(0));
        assertThat(run.find()).as("a run of 8+ numbers in the request body").isFalse();
        assertThat(bodies.get(0).chars().filter(c -> c == '[').count()).isEqualTo(1);
    }

    @Test
    void promptLanguageIsConfigurable() throws Exception {
        String base = start((ex, n) -> send(ex, 200, OK));
        client(base).language("German").build().write(facts());
        JsonNode req = new ObjectMapper().readTree(bodies.get(0));
        assertThat(req.path("messages").path(0).path("content").asText()).contains("Write in German");
    }

    @Test
    void retriesAfterRateLimitThenSucceeds() throws Exception {
        String base = start((ex, n) -> {
            if (n <= 2) {
                send(ex, n == 1 ? 429 : 503, "{\"error\":{\"message\":\"slow down\"}}");
            } else {
                send(ex, 200, OK);
            }
        });
        String text = client(base).maxRetries(3).build().write(facts());
        assertThat(text).startsWith("Heart rate was steady.");
        assertThat(calls.get()).isEqualTo(3);
        assertThat(bodies).allMatch(b -> b.equals(bodies.get(0)));
    }

    @Test
    void givesUpAfterBoundedRetriesNamingTheStatus() throws Exception {
        String base = start((ex, n) -> send(ex, 500, "oops"));
        assertThatThrownBy(() -> client(base).maxRetries(2).build().write(facts()))
                .isInstanceOf(NarrativeException.class)
                .hasMessageContaining("HTTP 500").hasMessageContaining("3 attempts");
        assertThat(calls.get()).isEqualTo(3);
    }

    @Test
    void rejectedKeyFailsAtOnceWithAClearMessage() throws Exception {
        String base = start((ex, n) -> send(ex, 401,
                "{\"error\":{\"message\":\"Authentication Fails (no such user)\",\"type\":\"authentication_error\"}}"));
        assertThatThrownBy(() -> client(base).maxRetries(3).build().write(facts()))
                .isInstanceOfSatisfying(NarrativeException.class, e -> {
                    assertThat(e.authenticationFailed()).isTrue();
                    assertThat(e.httpStatus()).isEqualTo(401);
                })
                .hasMessageContaining("rejected the API key (HTTP 401)")
                .hasMessageContaining("DEEPSEEK_API_KEY or ECGID_LLM_API_KEY")
                .hasMessageNotContaining("Authentication Fails")
                .hasMessageNotContaining("test-key-123");
        assertThat(calls.get()).isEqualTo(1);
    }

    @Test
    void timesOutWhenTheServiceDoesNotAnswer() throws Exception {
        String base = start((ex, n) -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> client(base).timeout(Duration.ofMillis(300)).maxRetries(1).build().write(facts()))
                .isInstanceOf(NarrativeException.class)
                .hasMessageContaining("did not answer within 300 ms").hasMessageContaining("2 attempts");
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(2.9);
    }

    @Test
    void answerWithoutContentIsATypedError() throws Exception {
        String base = start((ex, n) -> send(ex, 200, "{\"choices\":[]}"));
        assertThatThrownBy(() -> client(base).build().write(facts()))
                .isInstanceOf(NarrativeException.class).hasMessageContaining("choices[0].message.content");
    }

    @Test
    void anErrorBodyThatEchoesTheKeyIsWithheld() throws Exception {
        String base = start((ex, n) -> send(ex, n == 1 ? 401 : 400,
                "{\"error\":{\"message\":\"bad key Bearer test-key-123\"}}"));
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> client(base).maxRetries(0).build().write(facts()))
                    .isInstanceOf(NarrativeException.class)
                    .hasMessageNotContaining("test-key-123").hasMessageNotContaining("bad key")
                    .hasMessageContaining("error text is not shown");
        }
    }

    @Test
    void freeTextInNamesIsRefusedAndTheSubjectIsNeverSent() throws Exception {
        assertThatThrownBy(() -> NarrativeFacts.builder("x").quality("lead Jane Doe DOB 1980-02-03", 1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a known aggregate name")
                .hasMessageNotContaining("Jane");
        assertThatThrownBy(() -> NarrativeFacts.builder("x").hrv("HRV Jane Doe", 1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HRV_<index>");
        assertThatThrownBy(() -> NarrativeFacts.builder("x").metric("Jane's accuracy", 1).build())
                .isInstanceOf(IllegalArgumentException.class);

        String base = start((ex, n) -> send(ex, 200, OK));
        client(base).build().write(NarrativeFacts.builder("One ECG recording, lead Jane Doe DOB 1980-02-03")
                .quality("Duration (s)", 10).build());

        assertThat(bodies.get(0)).doesNotContain("Jane", "1980");
    }

    @Test
    void plainHttpIsRefusedExceptToThisMachine() {
        assertThatThrownBy(() -> NarrativeClient.builder().baseUrl("http://api.example.com/v1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plain http")
                .hasMessageContaining("use https");
        assertThatThrownBy(() -> NarrativeClient.builder().baseUrl("http://127.0.0.1.example.com/v1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NarrativeClient.builder().baseUrl("https://user:pw@api.example.com/v1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("credentials");
        assertThat(NarrativeClient.builder().baseUrl("http://127.0.0.1:8080/v1").apiKey("k").build().endpoint())
                .hasToString("http://127.0.0.1:8080/v1/chat/completions");
        assertThat(NarrativeClient.builder().baseUrl("http://localhost/v1").apiKey("k").build()).isNotNull();
        assertThat(NarrativeClient.builder().baseUrl("http://[::1]:9/v1").apiKey("k").build()).isNotNull();
        assertThat(NarrativeClient.builder().baseUrl("https://api.example.com/v1").apiKey("k").build()).isNotNull();
    }

    @Test
    void keyComesFromEitherVariableAndIsOptional() {
        assertThat(NarrativeClient.keyFromEnvironment(Map.of())).isEmpty();
        assertThat(NarrativeClient.keyFromEnvironment(Map.of("DEEPSEEK_API_KEY", "  "))).isEmpty();
        assertThat(NarrativeClient.keyFromEnvironment(Map.of("ECGID_LLM_API_KEY", "b"))).contains("b");
        assertThat(NarrativeClient.keyFromEnvironment(Map.of("DEEPSEEK_API_KEY", "a", "ECGID_LLM_API_KEY", "b")))
                .contains("a");
        assertThat(NarrativeClient.builder().apiKey("k").build().endpoint().toString())
                .isEqualTo("https://api.deepseek.com/v1/chat/completions");
    }

    @Test
    void factsRefuseTooManyValuesSoBulkDataCannotBeSmuggled() {
        NarrativeFacts.Builder b = NarrativeFacts.builder("x");
        for (int i = 0; i <= NarrativeFacts.MAX_VALUES; i++) {
            b.hrv("HRV_s" + i, i);
        }
        assertThatThrownBy(b::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most " + NarrativeFacts.MAX_VALUES);
        assertThat(NarrativeFacts.builder("x").hrv("HRV_LF", Double.NaN).build().size()).isZero();
    }
}
