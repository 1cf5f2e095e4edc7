package io.github.ecgid.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Headless Debian Chromium for browser tests: one-shot runs ({@code --dump-dom}, {@code --screenshot}) and a
 * minimal DevTools-protocol session for pages that keep a connection open (SSE), where dump-dom would snapshot
 * before any event arrives. Always a fresh profile directory; nothing is fetched from the network.
 */
final class Chromium implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-default-apps", "--disable-extensions", "--mute-audio");

    /** The executable: $CHROMIUM, else chromium / chromium-browser / google-chrome on the PATH. */
    static Optional<Path> executable() {
        String env = System.getenv("CHROMIUM");
        if (env != null && Files.isExecutable(Path.of(env))) {
            return Optional.of(Path.of(env));
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String name : new String[] {"chromium", "chromium-browser", "google-chrome"}) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    record Run(int exitCode, String stdout, String stderr) {
    }

    /** Runs chromium once with the standard flags plus {@code extra}, in a fresh profile. */
    static Run once(Path exe, long timeoutSeconds, String... extra) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("ecgid-chromium-");
        try {
            List<String> cmd = new ArrayList<>(List.of(exe.toString()));
            cmd.addAll(FLAGS);
            cmd.add("--user-data-dir=" + profile);
            cmd.addAll(List.of(extra));
            Path out = profile.resolve("stdout.txt");
            Path err = profile.resolve("stderr.txt");
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new IllegalStateException("chromium did not finish within " + timeoutSeconds + " s");
            }
            return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            deleteTree(profile);
        }
    }

    // ---- DevTools session ----

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    /** Uncaught exceptions, console errors and error log entries of the page. */
    final List<String> errors = new CopyOnWriteArrayList<>();

    private Chromium(Process process, Path profile, WebSocket socket) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
    }

    /** Starts chromium on about:blank with remote debugging on a free loopback port and attaches to its page. */
    static Chromium devtools(Path exe) throws Exception {
        Path profile = Files.createTempDirectory("ecgid-chromium-");
        List<String> cmd = new ArrayList<>(List.of(exe.toString()));
        cmd.addAll(FLAGS);
        cmd.addAll(List.of("--user-data-dir=" + profile, "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0", "--window-size=1280,900", "about:blank"));
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
            Pattern ws = Pattern.compile("DevTools listening on (ws://\\S+)");
            String browserWs = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            String line;
            while (System.nanoTime() < deadline && (line = err.readLine()) != null) {
                Matcher m = ws.matcher(line);
                if (m.find()) {
                    browserWs = m.group(1);
                    break;
                }
            }
            if (browserWs == null) {
                throw new IllegalStateException("chromium printed no DevTools address");
            }
            Thread drain = new Thread(() -> {
                try {
                    err.transferTo(java.io.Writer.nullWriter());
                } catch (IOException ignored) {
                    // process ended
                }
            }, "chromium-stderr");
            drain.setDaemon(true);
            drain.start();
            URI u = URI.create(browserWs);
            HttpClient http = HttpClient.newHttpClient();
            String pageWs = null;
            for (int i = 0; i < 50 && pageWs == null; i++) {
                JsonNode list = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://" + u.getHost() + ":"
                        + u.getPort() + "/json/list")).build(), HttpResponse.BodyHandlers.ofString()).body());
                for (JsonNode t : list) {
                    if ("page".equals(t.path("type").asText())) {
                        pageWs = t.path("webSocketDebuggerUrl").asText();
                    }
                }
                if (pageWs == null) {
                    Thread.sleep(100);
                }
            }
            if (pageWs == null) {
                throw new IllegalStateException("chromium has no page target");
            }
            Chromium[] self = new Chromium[1];
            StringBuilder partial = new StringBuilder();
            WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(pageWs), new WebSocket.Listener() {
                @Override
                public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                    partial.append(data);
                    if (last) {
                        String msg = partial.toString();
                        partial.setLength(0);
                        self[0].onMessage(msg);
                    }
                    w.request(1);
                    return null;
                }
            }).get(10, TimeUnit.SECONDS);
            Chromium c = new Chromium(p, profile, socket);
            self[0] = c;
            c.call("Runtime.enable", JSON.createObjectNode());
            c.call("Log.enable", JSON.createObjectNode());
            c.call("Page.enable", JSON.createObjectNode());
            return c;
        } catch (Exception e) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            deleteTree(profile);
            throw e;
        }
    }

    private void onMessage(String msg) {
        try {
            JsonNode m = JSON.readTree(msg);
            if (m.has("id")) {
                CompletableFuture<JsonNode> f = pending.remove(m.get("id").asInt());
                if (f != null) {
                    f.complete(m);
                }
                return;
            }
            String method = m.path("method").asText();
            JsonNode params = m.path("params");
            if (method.equals("Runtime.exceptionThrown")) {
                JsonNode d = params.path("exceptionDetails");
                errors.add("Uncaught " + d.path("exception").path("description").asText(d.path("text").asText()));
            } else if (method.equals("Runtime.consoleAPICalled") && params.path("type").asText().equals("error")) {
                errors.add("console.error " + params.path("args").toString());
            } else if (method.equals("Log.entryAdded") && params.path("entry").path("level").asText().equals("error")) {
                errors.add("log " + params.path("entry").path("text").asText() + " "
                        + params.path("entry").path("url").asText());
            }
        } catch (IOException e) {
            errors.add("unreadable DevTools message");
        }
    }

    JsonNode call(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
        msg.set("params", params);
        socket.sendText(msg.toString(), true).get(10, TimeUnit.SECONDS);
        JsonNode r = f.get(20, TimeUnit.SECONDS);
        if (r.has("error")) {
            throw new IllegalStateException(method + " failed: " + r.get("error"));
        }
        return r.path("result");
    }

    void navigate(String url) throws Exception {
        call("Page.navigate", JSON.createObjectNode().put("url", url));
    }

    /** Evaluates a JavaScript expression in the page and returns its value as a string ("" for null). */
    String eval(String expression) throws Exception {
        JsonNode r = call("Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
                .put("returnByValue", true));
        JsonNode v = r.path("result").path("value");
        return v.isMissingNode() || v.isNull() ? "" : v.asText();
    }

    void screenshot(Path png) throws Exception {
        JsonNode r = call("Page.captureScreenshot", JSON.createObjectNode().put("format", "png"));
        Files.write(png, Base64.getDecoder().decode(r.path("data").asText()));
    }

    @Override
    public void close() {
        try {
            socket.abort();
        } finally {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            deleteTree(profile);
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort for a temp profile
        }
    }
}
