package io.github.ecgid.report;

import io.github.ecgid.core.EcgIoException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ecgid.core.EcgException;
import io.github.ecgid.core.EcgSource;
import io.github.ecgid.model.identify.EcgIdentifier;
import io.github.ecgid.model.identify.Identification;
import io.github.ecgid.model.identify.Monitor;
import io.github.ecgid.model.identify.MonitorDecision;
import io.github.ecgid.signal.detect.Detector;
import io.github.ecgid.signal.detect.RPeakDetectors;
import io.github.ecgid.signal.detect.StreamingRPeakDetector;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live dashboard served on a local port: a scrolling ECG trace with R-peak markers, the current identity with
 * its confidence, heart-rate and HRV tiles and signal-quality warnings, updated by Server-Sent Events. One
 * self-contained page (inline script and style, no CDN); JDK {@code HttpServer}; bound to 127.0.0.1 unless told
 * otherwise, because the page shows a person's ECG.
 *
 * <p>The dashboard reads the source on a background thread (through {@link EcgIdentifier#monitor} when an
 * identifier is given, so identity decisions and the trace come from the same samples) and owns it: closing the
 * dashboard stops the server and the reader and closes the source. The identifier is not closed.
 *
 * <pre>{@code
 * try (Dashboard d = Dashboard.builder(EcgSource.replay(record, 1.0)).identifier(ecgid).port(8080).start()) {
 *     System.out.println("open " + d.uri());
 *     d.awaitEnd();
 * }
 * }</pre>
 *
 * <p>Endpoints: {@code /} the page, {@code /events} the event stream ({@code trace}, {@code peak},
 * {@code identity}, {@code hrv}, {@code quality}, {@code status}), {@code /state} the latest of each event as JSON.
 */
public final class Dashboard implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POISON = "\u0000close";
    private static final int RR_WINDOW = 60;

    private final EcgSource source;
    private final EcgIdentifier identifier;
    private final String title;
    private final int maxClients;
    private final String token;
    private final double fs;
    private final DashboardHttp server;
    private final java.util.concurrent.Semaphore streamSlots;
    private final Set<BlockingQueue<String>> clients = ConcurrentHashMap.newKeySet();
    private final Map<String, String> latest = new ConcurrentHashMap<>();
    private final AtomicLong identityEvents = new AtomicLong();
    /** The last ~12 s of trace and peak events, replayed to a browser that connects late; guarded by itself. */
    private final java.util.ArrayDeque<String> recent = new java.util.ArrayDeque<>();
    private final int recentCapacity;
    private final Object endLock = new Object();
    private volatile boolean ended;
    private volatile boolean closed;
    private Monitor monitor;
    private Thread pump;

    // trace state, touched only by the reading thread
    private final StreamingRPeakDetector detector;
    private final int flushEvery;
    private final double[] pending;
    private int pendingCount;
    private long pendingStart;
    private long samplesSeen;
    private double hpX;
    private double hpY;
    private final double hpA;
    private final double[] rrMs = new double[RR_WINDOW];
    private int rrCount;
    private long lastPeak = -1;
    private double secondMin = Double.POSITIVE_INFINITY;
    private double secondMax = Double.NEGATIVE_INFINITY;
    private boolean secondNonFinite;
    private long secondStart;
    private volatile String lastDecisionNote = "";

    private Dashboard(Builder b) {
        this.source = b.source;
        this.identifier = b.identifier;
        this.title = b.title;
        this.maxClients = b.maxClients;
        this.token = b.token;
        this.fs = source.samplingRateHz();
        this.detector = RPeakDetectors.byName(b.detector).streaming(fs, this::onPeak);
        this.flushEvery = Math.max(1, (int) Math.round(fs / 10));
        this.pending = new double[flushEvery];
        this.recentCapacity = 140;
        double rc = 1 / (2 * Math.PI * 0.5);
        this.hpA = rc / (rc + 1 / fs);
        this.streamSlots = new java.util.concurrent.Semaphore(maxClients);
        try {
            // event streams plus a few page and state requests; one over the cap is refused at once
            this.server = new DashboardHttp(b.bindAddress, b.port, maxClients + 4, b.readTimeout, b.allowedHosts,
                    b.token, this::route);
        } catch (IOException e) {
            source.close();
            throw new EcgIoException("cannot listen on " + b.bindAddress.getHostAddress() + ":" + b.port + ": "
                    + e.getMessage(), e);
        }
    }

    private void route(DashboardHttp.Request req, DashboardHttp.Response res) throws IOException {
        switch (req.path()) {
            case "/", "/index.html" -> res.send(200, "text/html; charset=utf-8", DashboardPage.html(title));
            case "/events" -> events(res);
            case "/state" -> state(res);
            case "/favicon.ico" -> res.send(204, "text/plain", "");
            default -> res.send(404, "text/plain", "not found");
        }
    }

    /** A dashboard over a source (which it will own and close). */
    public static Builder builder(EcgSource source) {
        return new Builder(source);
    }

    private Dashboard startAll() {
        status("starting", "reading " + source);
        server.start();
        EcgSource tee = new Tee();
        if (identifier != null) {
            monitor = identifier.monitor(tee, this::onDecision);
            Monitor m = monitor;
            Thread watch = new Thread(() -> {
                try {
                    m.await(Long.MAX_VALUE, TimeUnit.DAYS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    // the pipeline failed mid-stream: tell the page instead of showing a frozen "running"
                    if (!closed) {
                        status("failed", String.valueOf(e.getMessage()));
                        end();
                    }
                }
            }, "ecgid-dashboard-watch");
            watch.setDaemon(true);
            watch.start();
        } else {
            ObjectNode none = JSON.createObjectNode();
            none.put("disabled", true);
            none.put("message", "no identifier: the dashboard shows the trace, heart rate and quality only");
            latest.put("identity", none.toString());
            pump = new Thread(() -> {
                double[][] buf = new double[source.leadNames().size()][256];
                try {
                    while (!closed && tee.read(buf, 0, 256) >= 0) {
                        // the tee does the work
                    }
                } catch (RuntimeException e) {
                    if (!closed) {
                        LOG.warn("dashboard source stopped: {}", e.getMessage());
                    }
                }
            }, "ecgid-dashboard-source");
            pump.setDaemon(true);
            pump.start();
        }
        LOG.info("dashboard on {}", uri());
        return this;
    }

    /** The page's address, e.g. {@code http://127.0.0.1:8080/} (with {@code ?token=} when a token is set). */
    public URI uri() {
        InetSocketAddress a = server.address();
        String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + a.getPort() + "/" + (token == null ? ""
                : "?token=" + java.net.URLEncoder.encode(token, StandardCharsets.UTF_8)));
    }

    /** The bound port (useful with port 0). */
    public int port() {
        return server.address().getPort();
    }

    /** Identity decisions published so far. */
    public long identityEvents() {
        return identityEvents.get();
    }

    /** The latest event of a kind ({@code identity}, {@code hrv}, {@code quality}, {@code status}) as JSON. */
    public java.util.Optional<String> latest(String event) {
        return java.util.Optional.ofNullable(latest.get(event));
    }

    /** Blocks until the source ends, fails or the dashboard is closed. */
    public void awaitEnd() throws InterruptedException {
        synchronized (endLock) {
            while (!ended && !closed) {
                endLock.wait();
            }
        }
    }

    /** Stops the reader and the server, closes the source; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        synchronized (endLock) {
            endLock.notifyAll();
        }
        if (monitor != null) {
            monitor.close();
        }
        if (pump != null) {
            pump.interrupt();
            try {
                pump.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (BlockingQueue<String> q : clients) {
            q.clear();
            q.offer(POISON);
        }
        server.close();
        try {
            source.close();
        } catch (RuntimeException e) {
            LOG.warn("closing the source failed: {}", e.getMessage());
        }
    }

    // ---- reading side ----

    /** Passes samples through unchanged while feeding the trace, the detector and the quality checks. */
    private final class Tee implements EcgSource {
        @Override
        public double samplingRateHz() {
            return source.samplingRateHz();
        }

        @Override
        public List<String> leadNames() {
            return source.leadNames();
        }

        @Override
        public int read(double[][] destMv, int offset, int maxSamples) {
            int n;
            try {
                n = source.read(destMv, offset, maxSamples);
            } catch (EcgException e) {
                status("failed", e.getMessage());
                end();
                throw e;
            }
            if (n < 0) {
                flushTrace();
                status("ended", "the source has ended");
                end();
                return n;
            }
            if (!closed) {
                onSamples(destMv[0], offset, n);
            }
            return n;
        }

        @Override
        public void close() {
            // the dashboard closes the real source
        }
    }

    private void end() {
        ended = true;
        synchronized (endLock) {
            endLock.notifyAll();
        }
    }

    private void onSamples(double[] x, int offset, int n) {
        if (samplesSeen == 0) {
            status("running", "live: " + source);
        }
        for (int i = offset; i < offset + n; i++) {
            double v = x[i];
            if (!Double.isFinite(v)) {
                secondNonFinite = true;
                v = hpX;
            } else {
                secondMin = Math.min(secondMin, v);
                secondMax = Math.max(secondMax, v);
            }
            // display only: a 0.5 Hz one-pole high-pass takes out baseline wander
            hpY = hpA * (hpY + v - hpX);
            hpX = v;
            if (pendingCount == 0) {
                pendingStart = samplesSeen + (i - offset);
            }
            pending[pendingCount++] = hpY;
            if (pendingCount == flushEvery) {
                flushTrace();
            }
        }
        detector.accept(x, offset, n);
        samplesSeen += n;
        if (samplesSeen - secondStart >= fs) {
            qualityCheck();
            secondStart = samplesSeen;
            secondMin = Double.POSITIVE_INFINITY;
            secondMax = Double.NEGATIVE_INFINITY;
            secondNonFinite = false;
        }
    }

    private void flushTrace() {
        if (pendingCount == 0) {
            return;
        }
        StringBuilder b = new StringBuilder(16 + pendingCount * 8);
        b.append("{\"t0\":").append(pendingStart).append(",\"fs\":").append(fs).append(",\"y\":[");
        for (int i = 0; i < pendingCount; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(Math.round(pending[i] * 1e4) / 1e4);
        }
        pendingCount = 0;
        broadcast("trace", b.append("]}").toString(), false);
    }

    private void onPeak(long sample) {
        if (lastPeak >= 0) {
            double rr = (sample - lastPeak) * 1000 / fs;
            System.arraycopy(rrMs, 1, rrMs, 0, RR_WINDOW - 1);
            rrMs[RR_WINDOW - 1] = rr;
            rrCount = Math.min(RR_WINDOW, rrCount + 1);
        }
        lastPeak = sample;
        broadcast("peak", "{\"sample\":" + sample + "}", false);
        if (rrCount >= 2) {
            publishHrv();
        }
    }

    private void publishHrv() {
        int from = RR_WINDOW - rrCount;
        int recent = Math.min(5, rrCount);
        double recentSum = 0;
        for (int i = RR_WINDOW - recent; i < RR_WINDOW; i++) {
            recentSum += rrMs[i];
        }
        double mean = 0;
        for (int i = from; i < RR_WINDOW; i++) {
            mean += rrMs[i] / rrCount;
        }
        double ss = 0;
        double sd = 0;
        int nn50 = 0;
        for (int i = from; i < RR_WINDOW; i++) {
            ss += (rrMs[i] - mean) * (rrMs[i] - mean);
            if (i > from) {
                double d = rrMs[i] - rrMs[i - 1];
                sd += d * d;
                nn50 += Math.abs(d) > 50 ? 1 : 0;
            }
        }
        ObjectNode o = JSON.createObjectNode();
        o.put("heartRateBpm", round(60000 / (recentSum / recent), 1));
        o.put("meanNnMs", round(mean, 1));
        o.put("sdnnMs", round(Math.sqrt(ss / (rrCount - 1)), 1));
        o.put("rmssdMs", round(Math.sqrt(sd / (rrCount - 1)), 1));
        o.put("pnn50Percent", round(100.0 * nn50 / (rrCount - 1), 1));
        o.put("intervals", rrCount);
        broadcast("hrv", o.toString(), true);
    }

    private void qualityCheck() {
        List<String> w = new ArrayList<>();
        if (secondNonFinite) {
            w.add("samples missing (non-finite values) in the last second");
        }
        if (secondMax - secondMin < 0.02) {
            w.add("flat signal: check the electrodes");
        } else if (secondMax - secondMin > 10) {
            w.add(String.format(Locale.ROOT, "very large swings (%.1f mV): movement or saturation",
                    secondMax - secondMin));
        }
        double sinceBeat = (samplesSeen - Math.max(0, lastPeak)) / fs;
        if (samplesSeen > 3 * fs && sinceBeat > 3) {
            w.add(String.format(Locale.ROOT, "no R-peak for %.0f s", sinceBeat));
        }
        if (rrCount >= 2) {
            double hr = 60000 / rrMs[RR_WINDOW - 1];
            if (hr < 30 || hr > 220) {
                w.add(String.format(Locale.ROOT, "implausible heart rate %.0f bpm: detection unreliable", hr));
            }
        }
        if (!lastDecisionNote.isEmpty()) {
            w.add("last identity window was noisy: " + lastDecisionNote);
        }
        ObjectNode o = JSON.createObjectNode();
        o.putArray("warnings").addAll(w.stream().map(JSON.getNodeFactory()::textNode).toList());
        o.put("ok", w.isEmpty());
        broadcast("quality", o.toString(), true);
    }

    private void onDecision(MonitorDecision d) {
        Identification id = d.identification();
        lastDecisionNote = d.note();
        ObjectNode o = JSON.createObjectNode();
        o.put("person", id.isUnknown() ? null : id.personId());
        o.put("unknown", id.isUnknown());
        o.put("confidence", round(id.score(), 3));
        o.put("mode", id.mode().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        o.put("beatsUsed", d.beatsUsed());
        o.put("beatsDetected", d.beatsDetected());
        o.put("signalQuality", round(d.signalQuality(), 3));
        o.put("latencyMs", round(d.latencyMillis(), 1));
        o.put("note", d.note());
        o.put("atSeconds", round(d.endSample() / fs, 2));
        identityEvents.incrementAndGet();
        broadcast("identity", o.toString(), true);
    }

    private void status(String state, String message) {
        ObjectNode o = JSON.createObjectNode();
        o.put("state", state);
        o.put("message", message);
        broadcast("status", o.toString(), true);
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Double.isFinite(v) ? Math.round(v * f) / f : 0;
    }

    private void broadcast(String event, String json, boolean keep) {
        if (keep) {
            latest.put(event, json);
        }
        String msg = "event: " + event + "\ndata: " + json + "\n\n";
        synchronized (recent) {
            if (!keep) {
                recent.addLast(msg);
                if (recent.size() > recentCapacity) {
                    recent.removeFirst();
                }
            }
            for (BlockingQueue<String> q : clients) {
                // a client that cannot keep up loses trace chunks rather than stalling the reader
                q.offer(msg);
            }
        }
    }

    // ---- HTTP side ----

    private void state(DashboardHttp.Response res) throws IOException {
        StringBuilder b = new StringBuilder("{");
        for (String k : new String[] {"status", "identity", "hrv", "quality"}) {
            String v = latest.get(k);
            if (v != null) {
                b.append(b.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v);
            }
        }
        res.send(200, "application/json", b.append('}').toString());
    }

    private void events(DashboardHttp.Response res) throws IOException {
        if (closed || !streamSlots.tryAcquire()) {
            res.send(503, "text/plain", "too many dashboard clients");
            return;
        }
        BlockingQueue<String> q = new ArrayBlockingQueue<>(512);
        try {
            res.startStream("text/event-stream; charset=utf-8");
            StringBuilder hello = new StringBuilder("retry: 2000\n\n");
            for (String k : new String[] {"status", "identity", "hrv", "quality"}) {
                String v = latest.get(k);
                if (v != null) {
                    hello.append("event: ").append(k).append("\ndata: ").append(v).append("\n\n");
                }
            }
            synchronized (recent) {
                recent.forEach(hello::append);
                clients.add(q);
            }
            res.write(hello.toString());
            while (!closed) {
                String m = q.poll(15, TimeUnit.SECONDS);
                if (POISON.equals(m)) {
                    break;
                }
                res.write(m == null ? ": keep-alive\n\n" : m);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            clients.remove(q);
            streamSlots.release();
        }
    }

    /** Options of a {@link Dashboard}. */
    public static final class Builder {
        private final EcgSource source;
        private EcgIdentifier identifier;
        private InetAddress bindAddress = InetAddress.getLoopbackAddress();
        private int port = 8080;
        private String title = "ecgid live";
        private String detector = "pan-tompkins";
        private int maxClients = 8;
        private Duration readTimeout = Duration.ofSeconds(5);
        private final Set<String> allowedHosts = new java.util.HashSet<>();
        private String token;

        private Builder(EcgSource source) {
            this.source = Objects.requireNonNull(source, "source");
        }

        /** Identifies the person live (closed set, or open set once people are enrolled). Optional. */
        public Builder identifier(EcgIdentifier id) {
            this.identifier = id;
            return this;
        }

        /** TCP port (default 8080; 0 picks a free one). */
        public Builder port(int p) {
            if (p < 0 || p > 65535) {
                throw new IllegalArgumentException("port must be in 0..65535, got " + p);
            }
            this.port = p;
            return this;
        }

        /** Address to bind (default the loopback address; anything else exposes the ECG to the network). */
        public Builder bindAddress(InetAddress a) {
            this.bindAddress = Objects.requireNonNull(a, "bindAddress");
            return this;
        }

        /** Page title. */
        public Builder title(String t) {
            this.title = Objects.requireNonNull(t, "title");
            return this;
        }

        /** R-peak detector for the trace markers and heart rate (default {@link Detector#PAN_TOMPKINS}). */
        public Builder detector(Detector d) {
            this.detector = Objects.requireNonNull(d, "detector").label();
            return this;
        }

        /** Most simultaneous browser connections (default 8). */
        public Builder maxClients(int n) {
            if (n < 1 || n > 64) {
                throw new IllegalArgumentException("maxClients must be in 1..64, got " + n);
            }
            this.maxClients = n;
            return this;
        }

        /**
         * Time a browser has to send its whole request (default 5 s); a connection that sends half a request is
         * closed after it, so that idle connections cannot fill the connection cap for long.
         */
        public Builder readTimeout(Duration t) {
            if (t.isNegative() || t.isZero()) {
                throw new IllegalArgumentException("readTimeout must be > 0, got " + t);
            }
            this.readTimeout = t;
            return this;
        }

        /**
         * Another name the page may be opened by (its {@code Host} header), besides localhost, 127.0.0.1, [::1]
         * and the bound address; any other Host gets 421, which stops DNS-rebinding pages from reading it.
         */
        public Builder allowHost(String name) {
            this.allowedHosts.add(Objects.requireNonNull(name, "name"));
            return this;
        }

        /**
         * Requires an access token ({@code ?token=}, {@code Authorization: Bearer} or the cookie a page load with
         * the token sets); {@link Dashboard#uri()} includes it. At least 16 characters. Default: none.
         */
        public Builder token(String token) {
            if (token != null && token.length() < 16) {
                throw new IllegalArgumentException("a dashboard token needs at least 16 characters");
            }
            this.token = token;
            return this;
        }

        /** Binds the port and starts reading the source. */
        public Dashboard start() {
            return new Dashboard(this).startAll();
        }
    }
}
