package io.github.ecgid.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's HTTP/1.1 server, small enough to check by reading: one GET per connection
 * ({@code Connection: close}), a request head of at most {@value #MAX_HEAD} bytes that must arrive within the read
 * timeout, a hard cap on open connections (one over it gets 503 and is closed at once), a {@code Host} check
 * against DNS rebinding (421 unless a loopback name, the bound address or an allowed name), and an optional
 * access token (403 without it). The token is accepted as {@code ?token=}, {@code Authorization: Bearer} or the
 * {@code ecgid_token} cookie that a page load with the right {@code ?token=} sets, so that the page's own event
 * stream carries it. A client that stops reading while the server writes to it (a stalled event stream) is
 * dropped once a write has been blocked for the read timeout, so it cannot hold a connection slot for ever.
 */
final class DashboardHttp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DashboardHttp.class);
    static final int MAX_HEAD = 8192;
    static final String COOKIE = "ecgid_token";
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    /** A parsed request: method, path, query parameters, headers (lower-case names). */
    record Request(String method, String path, Map<String, String> query, Map<String, String> headers) {
    }

    /** The response side of one connection. */
    static final class Response {
        private final OutputStream out;
        private final String setCookie;
        private boolean started;
        /** {@link System#nanoTime()} when the write in progress began; 0 when none is (read by the watchdog). */
        private volatile long writingSinceNanos;

        Response(OutputStream out, String setCookie) {
            this.out = out;
            this.setCookie = setCookie;
        }

        /** A complete response with a body. */
        void send(int status, String type, String body) throws IOException {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            beginWrite();
            try {
                head(status, type, "Content-Length: " + b.length + "\r\n");
                out.write(b);
                out.flush();
            } finally {
                writingSinceNanos = 0;
            }
        }

        /** Starts a body of unknown length (an event stream), then {@link #write} parts of it. */
        void startStream(String type) throws IOException {
            beginWrite();
            try {
                head(200, type, "");
                out.flush();
            } finally {
                writingSinceNanos = 0;
            }
        }

        void write(String part) throws IOException {
            beginWrite();
            try {
                out.write(part.getBytes(StandardCharsets.UTF_8));
                out.flush();
            } finally {
                writingSinceNanos = 0;
            }
        }

        private void beginWrite() {
            long now = System.nanoTime();
            writingSinceNanos = now == 0 ? 1 : now;
        }

        /** Whether a write has been blocked for longer than {@code limitNanos} at {@code nowNanos}. */
        boolean stalled(long nowNanos, long limitNanos) {
            long since = writingSinceNanos;
            return since != 0 && nowNanos - since > limitNanos;
        }

        private void head(int status, String type, String extra) throws IOException {
            if (started) {
                throw new IllegalStateException("response already started");
            }
            started = true;
            String h = "HTTP/1.1 " + status + " " + reason(status) + "\r\n"
                    + "Content-Type: " + type + "\r\n"
                    + "Cache-Control: no-store\r\n"
                    + "X-Content-Type-Options: nosniff\r\n"
                    + "Content-Security-Policy: default-src 'none'; script-src 'unsafe-inline'; "
                    + "style-src 'unsafe-inline'; connect-src 'self'\r\n"
                    + (setCookie == null ? "" : "Set-Cookie: " + setCookie + "\r\n")
                    + "Connection: close\r\n" + extra + "\r\n";
            out.write(h.getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    /** Handles one authorised request. */
    interface Handler {
        void handle(Request request, Response response) throws IOException;
    }

    private final ServerSocket socket;
    private final Semaphore slots;
    private final int readTimeoutMs;
    private final Set<String> allowedHosts;
    private final byte[] token;
    private final Handler handler;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Map<Socket, Response> responding = new ConcurrentHashMap<>();
    private final Thread acceptor;
    private final Thread watchdog;
    private volatile boolean closed;

    DashboardHttp(InetAddress bind, int port, int maxConnections, Duration readTimeout, Set<String> extraHosts,
                  String token, Handler handler) throws IOException {
        this.socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(bind, port), 50);
        this.slots = new Semaphore(maxConnections);
        this.readTimeoutMs = (int) Math.max(1, Math.min(Integer.MAX_VALUE, readTimeout.toMillis()));
        Set<String> hosts = new java.util.HashSet<>(LOOPBACK_NAMES);
        if (!bind.isAnyLocalAddress()) {
            String a = bind.getHostAddress();
            hosts.add(a.contains(":") ? "[" + a + "]" : a);
        }
        extraHosts.forEach(h -> hosts.add(h.toLowerCase(Locale.ROOT)));
        this.allowedHosts = Set.copyOf(hosts);
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
        this.handler = handler;
        this.acceptor = new Thread(this::acceptLoop, "ecgid-dashboard-accept");
        acceptor.setDaemon(true);
        this.watchdog = new Thread(this::watchLoop, "ecgid-dashboard-watchdog");
        watchdog.setDaemon(true);
    }

    void start() {
        acceptor.start();
        watchdog.start();
    }

    /** Closes connections whose write has been blocked for the read timeout: the client stopped reading. */
    private void watchLoop() {
        long limit = readTimeoutMs * 1_000_000L;
        long period = Math.max(10, Math.min(1000, readTimeoutMs / 4));
        while (!closed) {
            try {
                Thread.sleep(period);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            responding.forEach((s, r) -> {
                if (r.stalled(now, limit)) {
                    LOG.debug("dropping a dashboard client that read nothing for {} ms", readTimeoutMs);
                    try {
                        s.close(); // unblocks the writer with a SocketException
                    } catch (IOException e) {
                        LOG.debug("closing a stalled dashboard connection: {}", e.getMessage());
                    }
                }
            });
        }
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = socket.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("dashboard stopped accepting: {}", e.getMessage());
                }
                return;
            }
            if (!slots.tryAcquire()) {
                refuse(s);
                continue;
            }
            open.add(s);
            Thread t = new Thread(() -> serve(s), "ecgid-dashboard-conn");
            t.setDaemon(true);
            t.start();
        }
    }

    /** Over the cap: a short 503 (fits the socket buffer, so it cannot block) and close. */
    private static void refuse(Socket s) {
        try (s) {
            s.setSoLinger(true, 0);
            new Response(s.getOutputStream(), null).send(503, "text/plain", "too many dashboard connections");
        } catch (IOException e) {
            LOG.debug("refused connection: {}", e.getMessage());
        }
    }

    private void serve(Socket s) {
        try (s) {
            OutputStream out = s.getOutputStream();
            Request req;
            try {
                req = readRequest(new java.io.BufferedInputStream(s.getInputStream(), 1024), s,
                        System.nanoTime() + readTimeoutMs * 1_000_000L);
            } catch (SocketTimeoutException e) {
                LOG.debug("dashboard client sent no complete request within {} ms", readTimeoutMs);
                return;
            }
            if (req == null) {
                new Response(out, null).send(400, "text/plain", "bad request");
                return;
            }
            if (!req.method().equals("GET")) {
                new Response(out, null).send(405, "text/plain", "only GET");
                return;
            }
            String host = hostName(req.headers().get("host"));
            if (host == null || !allowedHosts.contains(host)) {
                new Response(out, null).send(421, "text/plain", "unexpected Host header; open the dashboard "
                        + "at its own address (127.0.0.1 or localhost)");
                return;
            }
            String cookie = null;
            if (token != null) {
                String fromQuery = req.query().get("token");
                if (!matches(fromQuery) && !matches(bearer(req.headers().get("authorization")))
                        && !matches(cookieValue(req.headers().get("cookie")))) {
                    new Response(out, null).send(403, "text/plain", "access token required: open the address "
                            + "ecgid printed, with ?token=");
                    return;
                }
                if (matches(fromQuery)) {
                    cookie = COOKIE + "=" + fromQuery + "; Path=/; HttpOnly; SameSite=Strict";
                }
            }
            s.setSoTimeout(0); // the request is in; an event stream only writes from here on
            Response res = new Response(out, cookie);
            responding.put(s, res);
            handler.handle(req, res);
        } catch (IOException e) {
            LOG.debug("dashboard connection ended: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("dashboard request failed: {}", e.toString());
        } finally {
            responding.remove(s);
            open.remove(s);
            slots.release();
        }
    }

    private boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8));
    }

    private static String bearer(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).strip() : null;
    }

    private static String cookieValue(String cookies) {
        if (cookies == null) {
            return null;
        }
        for (String c : cookies.split(";")) {
            String t = c.strip();
            if (t.startsWith(COOKIE + "=")) {
                return t.substring(COOKIE.length() + 1);
            }
        }
        return null;
    }

    /** The host part of a Host header, lower case, without the port; null when absent or malformed. */
    static String hostName(String host) {
        if (host == null) {
            return null;
        }
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            return close < 0 ? null : h.substring(0, close + 1);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    /**
     * The request line and headers, or null when malformed or longer than {@link #MAX_HEAD}; the whole head must
     * arrive before the deadline (a client trickling one byte at a time gets no more time than a silent one).
     */
    static Request readRequest(InputStream in, Socket s, long deadlineNanos) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0; // counts the bytes of "\r\n\r\n" (or "\n\n") seen at the end
        while (true) {
            if (in.available() == 0) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    throw new SocketTimeoutException("request head not complete in time");
                }
                s.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000L)));
            }
            int c = in.read();
            if (c < 0) {
                return null;
            }
            head.write(c);
            if (head.size() > MAX_HEAD) {
                return null;
            }
            if (c == '\n') {
                state++;
                if (state == 2) {
                    break;
                }
            } else if (c != '\r') {
                state = 0;
            }
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r?\n");
        String[] first = lines[0].split(" ");
        if (first.length != 3 || !first[2].startsWith("HTTP/1.")) {
            return null;
        }
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                String name = lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT);
                if (headers.putIfAbsent(name, lines[i].substring(colon + 1).strip()) != null && name.equals("host")) {
                    return null; // two Host headers: ambiguous
                }
            }
        }
        String target = first[1];
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        Map<String, String> query = new HashMap<>();
        if (q >= 0) {
            for (String kv : target.substring(q + 1).split("&")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    try {
                        query.putIfAbsent(kv.substring(0, eq), URLDecoder.decode(kv.substring(eq + 1),
                                StandardCharsets.UTF_8));
                    } catch (IllegalArgumentException e) {
                        return null;
                    }
                }
            }
        }
        return new Request(first[0], path, query, headers);
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 204 -> "No Content";
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 421 -> "Misdirected Request";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }

    /** Stops accepting and closes every open connection. */
    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("closing the dashboard socket: {}", e.getMessage());
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException e) {
                LOG.debug("closing a dashboard connection: {}", e.getMessage());
            }
        }
        watchdog.interrupt();
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
