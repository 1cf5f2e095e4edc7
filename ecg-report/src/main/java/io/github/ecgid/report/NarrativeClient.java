package io.github.ecgid.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a short plain-language narrative of a report through an OpenAI-compatible chat-completions service
 * (DeepSeek by default). Opt-in: nothing is sent unless {@link #write} is called, and what is sent is only a
 * {@link NarrativeFacts} — named aggregate numbers, never samples, beats or templates.
 *
 * <p>Requests time out ({@link Builder#timeout}); HTTP 429 and 5xx answers and connection failures are retried
 * a bounded number of times with exponential back-off (honouring {@code Retry-After}); a rejected key (401/403)
 * fails at once with a {@link NarrativeException} that says which variable holds the key. The API key never
 * reaches the log.
 *
 * <pre>{@code
 * Optional<NarrativeClient> llm = NarrativeClient.fromEnvironment();   // DEEPSEEK_API_KEY or ECGID_LLM_API_KEY
 * EcgReport.Builder report = EcgReport.builder("Recording r01");
 * if (llm.isPresent()) {
 *     report.narrative(llm.get().write(facts));
 * }
 * }</pre>
 */
public final class NarrativeClient {
    private static final Logger LOG = LoggerFactory.getLogger(NarrativeClient.class);

    /** Default service: DeepSeek's OpenAI-compatible endpoint. */
    public static final String DEFAULT_BASE_URL = "https://api.deepseek.com/v1";
    /** Default model name. */
    public static final String DEFAULT_MODEL = "deepseek-chat";
    /** Environment variables read for the key, in this order. */
    public static final String[] KEY_VARIABLES = {"DEEPSEEK_API_KEY", "ECGID_LLM_API_KEY"};

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * What error messages say instead of the service's error body: a server may echo the request, key included,
     * so its text reaches neither stderr nor the report.
     */
    static final String SERVICE_TEXT_WITHHELD = " (the service's error text is not shown: it may echo the key)";

    private final URI endpoint;
    private final String model;
    private final String apiKey;
    private final String language;
    private final Duration timeout;
    private final int maxRetries;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final double temperature;
    private final HttpClient http;

    private NarrativeClient(Builder b) {
        String base = b.baseUrl.endsWith("/") ? b.baseUrl.substring(0, b.baseUrl.length() - 1) : b.baseUrl;
        this.endpoint = URI.create(base + "/chat/completions");
        this.model = b.model;
        this.apiKey = b.apiKey;
        this.language = b.language;
        this.timeout = b.timeout;
        this.maxRetries = b.maxRetries;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.temperature = b.temperature;
        this.http = HttpClient.newBuilder().connectTimeout(b.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A client with the defaults and the key from {@code DEEPSEEK_API_KEY} or {@code ECGID_LLM_API_KEY}; empty
     * when neither is set, in which case the report should say the narrative is off.
     */
    public static Optional<NarrativeClient> fromEnvironment() {
        return keyFromEnvironment(System.getenv()).map(k -> builder().apiKey(k).build());
    }

    /** The first non-blank key among {@link #KEY_VARIABLES} in the given environment. */
    public static Optional<String> keyFromEnvironment(Map<String, String> env) {
        for (String v : KEY_VARIABLES) {
            String k = env.get(v);
            if (k != null && !k.isBlank()) {
                return Optional.of(k.strip());
            }
        }
        return Optional.empty();
    }

    /** The chat-completions URL requests go to. */
    public URI endpoint() {
        return endpoint;
    }

    /** The model name sent with each request. */
    public String model() {
        return model;
    }

    /**
     * Asks the service for a narrative of the facts.
     *
     * @return the narrative, plain text with paragraphs separated by blank lines
     * @throws NarrativeException on a rejected key, a timeout, retries exhausted or an unreadable answer
     */
    public String write(NarrativeFacts facts) {
        String body = requestBody(facts);
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        long backoffMs = initialBackoff.toMillis();
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (HttpTimeoutException e) {
                if (attempt >= maxRetries) {
                    throw new NarrativeException("Narrative service " + endpoint + " did not answer within "
                            + timeout.toMillis() + " ms (" + (attempt + 1) + " attempts)", e);
                }
                LOG.warn("narrative request timed out after {} ms, retrying ({}/{})", timeout.toMillis(),
                        attempt + 1, maxRetries);
                sleep(backoffMs);
                backoffMs = Math.min(maxBackoff.toMillis(), backoffMs * 2);
                continue;
            } catch (IOException e) {
                if (attempt >= maxRetries) {
                    throw new NarrativeException("Narrative service " + endpoint + " unreachable: " + e.getMessage()
                            + " (" + (attempt + 1) + " attempts)", e);
                }
                LOG.warn("narrative request failed ({}), retrying ({}/{})", e.toString(), attempt + 1, maxRetries);
                sleep(backoffMs);
                backoffMs = Math.min(maxBackoff.toMillis(), backoffMs * 2);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NarrativeException("Narrative request interrupted", e);
            }
            int status = response.statusCode();
            if (status == 200) {
                return content(response.body());
            }
            if (status == 401 || status == 403) {
                throw new NarrativeException("Narrative service " + endpoint + " rejected the API key (HTTP " + status
                        + "): check DEEPSEEK_API_KEY or ECGID_LLM_API_KEY" + SERVICE_TEXT_WITHHELD, status);
            }
            boolean retryable = status == 429 || status >= 500;
            if (!retryable || attempt >= maxRetries) {
                throw new NarrativeException("Narrative service " + endpoint + " answered HTTP " + status
                        + (retryable ? " after " + (attempt + 1) + " attempts" : "") + SERVICE_TEXT_WITHHELD, status);
            }
            long wait = retryAfterMillis(response).orElse(backoffMs);
            wait = Math.min(wait, maxBackoff.toMillis());
            LOG.warn("narrative service answered HTTP {}, retrying in {} ms ({}/{})", status, wait, attempt + 1,
                    maxRetries);
            sleep(wait);
            backoffMs = Math.min(maxBackoff.toMillis(), backoffMs * 2);
        }
    }

    /** The JSON request: the model, a system prompt and a user message listing the facts. */
    String requestBody(NarrativeFacts facts) {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", model);
        root.put("temperature", temperature);
        root.put("stream", false);
        ArrayNode messages = root.putArray("messages");
        messages.addObject().put("role", "system").put("content", systemPrompt());
        messages.addObject().put("role", "user").put("content", userPrompt(facts));
        try {
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise a narrative request", e);
        }
    }

    private String systemPrompt() {
        return "You write short, careful summaries of ECG biometric reports for engineers and study participants. "
                + "You receive only aggregate numbers (signal quality, heart-rate variability indices, model "
                + "metrics); explain in plain words what they say and how reliable the result is, in at most three "
                + "short paragraphs separated by blank lines, without markdown. This is not a medical device: do not "
                + "diagnose, and say so if a number looks clinically unusual. Write in " + language + ".";
    }

    /** The facts' whitelisted numbers; the free-text subject stays local. */
    private static String userPrompt(NarrativeFacts f) {
        StringBuilder b = new StringBuilder("Subject: aggregate numbers of one ECG biometric report\n");
        group(b, "Recording and signal quality", f.quality());
        group(b, "Heart-rate variability (NeuroKit2 names; times in ms, powers in ms^2)", f.hrv());
        group(b, "Model and identification metrics", f.model());
        return b.toString();
    }

    private static void group(StringBuilder b, String title, Map<String, Double> values) {
        if (values.isEmpty()) {
            return;
        }
        b.append('\n').append(title).append(":\n");
        values.forEach((k, v) -> b.append("- ").append(k).append(": ")
                .append(String.format(Locale.ROOT, "%.4g", v)).append('\n'));
    }

    private static String content(String body) {
        try {
            JsonNode c = JSON.readTree(body).path("choices").path(0).path("message").path("content");
            if (!c.isTextual() || c.asText().isBlank()) {
                throw new NarrativeException("Narrative service answered without choices[0].message.content", 200);
            }
            return c.asText().strip();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new NarrativeException("Narrative service answered with invalid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static Optional<Long> retryAfterMillis(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(v -> {
            try {
                return Optional.of(Math.max(0, Long.parseLong(v.strip())) * 1000);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NarrativeException("Narrative request interrupted", e);
        }
    }

    @Override
    public String toString() {
        return "NarrativeClient[" + endpoint + ", " + model + ", " + language + "]";
    }

    /** Options; only the API key is required. */
    public static final class Builder {
        private String baseUrl = DEFAULT_BASE_URL;
        private String model = DEFAULT_MODEL;
        private String apiKey;
        private String language = "English";
        private Duration timeout = Duration.ofSeconds(60);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private int maxRetries = 3;
        private Duration initialBackoff = Duration.ofSeconds(1);
        private Duration maxBackoff = Duration.ofSeconds(30);
        private double temperature = 0.3;

        private Builder() {
        }

        /** Base URL of the OpenAI-compatible API, e.g. {@code https://api.deepseek.com/v1}. */
        public Builder baseUrl(String url) {
            URI u;
            try {
                u = URI.create(Objects.requireNonNull(url, "url"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("baseUrl is not a URL: " + e.getMessage());
            }
            if (!"https".equals(u.getScheme()) && !"http".equals(u.getScheme())) {
                throw new IllegalArgumentException("baseUrl must be https (or http to this machine), got " + url);
            }
            if ("http".equals(u.getScheme()) && !isLoopback(u.getHost())) {
                throw new IllegalArgumentException("baseUrl " + url + " is plain http to another machine: the API "
                        + "key would travel unencrypted; use https (http is accepted for localhost only)");
            }
            if (u.getUserInfo() != null) {
                throw new IllegalArgumentException("baseUrl must not carry credentials; the key goes in "
                        + "DEEPSEEK_API_KEY or ECGID_LLM_API_KEY");
            }
            this.baseUrl = url;
            return this;
        }

        /** Model name (default {@value NarrativeClient#DEFAULT_MODEL}). */
        public Builder model(String name) {
            this.model = Objects.requireNonNull(name, "model");
            return this;
        }

        /** The bearer token. */
        public Builder apiKey(String key) {
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("apiKey must not be blank");
            }
            this.apiKey = key.strip();
            return this;
        }

        /** Language of the narrative, in words (default "English"), e.g. "German", "Deutsch". */
        public Builder language(String name) {
            if (name == null || name.isBlank() || name.length() > 40) {
                throw new IllegalArgumentException("language must be 1..40 characters");
            }
            this.language = name.strip();
            return this;
        }

        /** Time limit per request, from sending to the whole answer (default 60 s). */
        public Builder timeout(Duration d) {
            this.timeout = positive(d, "timeout");
            return this;
        }

        /** Time limit for opening the connection (default 10 s). */
        public Builder connectTimeout(Duration d) {
            this.connectTimeout = positive(d, "connectTimeout");
            return this;
        }

        /** Retries after a 429, a 5xx, a timeout or a connection failure (default 3, at most 10). */
        public Builder maxRetries(int n) {
            if (n < 0 || n > 10) {
                throw new IllegalArgumentException("maxRetries must be in 0..10, got " + n);
            }
            this.maxRetries = n;
            return this;
        }

        /** First back-off (doubled each retry, default 1 s) and the cap on any wait (default 30 s). */
        public Builder backoff(Duration initial, Duration max) {
            this.initialBackoff = positive(initial, "initial backoff");
            this.maxBackoff = positive(max, "max backoff");
            return this;
        }

        /** Sampling temperature (default 0.3: sober wording). */
        public Builder temperature(double t) {
            if (!(t >= 0 && t <= 2)) {
                throw new IllegalArgumentException("temperature must be in [0, 2], got " + t);
            }
            this.temperature = t;
            return this;
        }

        public NarrativeClient build() {
            if (apiKey == null) {
                throw new IllegalStateException("apiKey is required (see NarrativeClient.fromEnvironment())");
            }
            return new NarrativeClient(this);
        }

        /** Whether a URL host is this machine, by name or literal address, without asking DNS. */
        static boolean isLoopback(String host) {
            if (host == null) {
                return false;
            }
            String h = host.toLowerCase(Locale.ROOT);
            if (h.startsWith("[") && h.endsWith("]")) {
                h = h.substring(1, h.length() - 1);
            }
            return h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")
                    || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
        }

        private static Duration positive(Duration d, String what) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive");
            }
            return d;
        }
    }
}
