package io.github.ecgid.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ecgid.core.EcgSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The dashboard against hostile clients (issue 26): DNS rebinding (a foreign Host header), no token, clients
 * that send half a request to fill the pool, and more clients than the cap.
 */
class DashboardHardeningTest {

    private static Dashboard start(Dashboard.Builder b) {
        return b.port(0).start();
    }

    private static EcgSource source() {
        return EcgSource.replay(RecordReportTest.REC.record(), 1.0);
    }

    /** Sends raw request bytes and returns the status line (or "" when the server closed without one). */
    private static String raw(int port, String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c; (c = in.read()) >= 0 && c != '\n'; ) {
                line.append((char) c);
            }
            return line.toString().strip();
        }
    }

    private static String get(int port, String path, String host, String... headers) throws IOException {
        return raw(port, "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + String.join("", headers) + "\r\n");
    }

    @Test
    void aForeignHostHeaderIsRefusedAsMisdirected() throws Exception {
        try (Dashboard d = start(Dashboard.builder(source()))) {
            assertThat(get(d.port(), "/state", "evil.example:" + d.port())).startsWith("HTTP/1.1 421");
            assertThat(get(d.port(), "/state", "127.0.0.1.evil.example")).startsWith("HTTP/1.1 421");
            assertThat(raw(d.port(), "GET /state HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 421");
            assertThat(get(d.port(), "/state", "localhost:" + d.port())).startsWith("HTTP/1.1 200");
            assertThat(get(d.port(), "/state", "127.0.0.1:" + d.port())).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void anAllowedHostNameIsAccepted() throws Exception {
        try (Dashboard d = start(Dashboard.builder(source()).allowHost("ecg.lan"))) {
            assertThat(get(d.port(), "/state", "ecg.lan:" + d.port())).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void withATokenOnlyRequestsCarryingItAreServed() throws Exception {
        String token = "0123456789abcdef0123";
        try (Dashboard d = start(Dashboard.builder(source()).token(token))) {
            String host = "127.0.0.1:" + d.port();
            assertThat(d.uri().getQuery()).isEqualTo("token=" + token);
            assertThat(get(d.port(), "/state", host)).startsWith("HTTP/1.1 403");
            assertThat(get(d.port(), "/state?token=wrong", host)).startsWith("HTTP/1.1 403");
            assertThat(get(d.port(), "/state?token=" + token, host)).startsWith("HTTP/1.1 200");
            assertThat(get(d.port(), "/state", host, "Authorization: Bearer " + token + "\r\n"))
                    .startsWith("HTTP/1.1 200");
            assertThat(get(d.port(), "/state", host, "Cookie: a=b; ecgid_token=" + token + "\r\n"))
                    .startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void clientsSendingHalfARequestDoNotLockThePageOut() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try (Dashboard d = start(Dashboard.builder(source()).maxClients(8).readTimeout(Duration.ofMillis(500)))) {
            for (int i = 0; i < 12; i++) {
                Socket s = new Socket("127.0.0.1", d.port());
                OutputStream o = s.getOutputStream();
                o.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.ISO_8859_1));
                o.flush();
                slow.add(s);
            }
            Thread.sleep(1500); // past the read timeout: the half requests are closed

            long t0 = System.nanoTime();
            String status = get(d.port(), "/", "127.0.0.1:" + d.port());

            assertThat(status).startsWith("HTTP/1.1 200");
            assertThat((System.nanoTime() - t0) / 1e9).isLessThan(3.0);
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    @Test
    void theEventStreamCapHoldsUnderConcurrentClients() throws Exception {
        List<Socket> streams = new ArrayList<>();
        try (Dashboard d = start(Dashboard.builder(source()).maxClients(8))) {
            String req = "GET /events HTTP/1.1\r\nHost: 127.0.0.1:" + d.port() + "\r\n\r\n";
            List<String> statuses = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                Socket s = new Socket("127.0.0.1", d.port());
                s.setSoTimeout(10_000);
                s.getOutputStream().write(req.getBytes(StandardCharsets.ISO_8859_1));
                streams.add(s);
            }
            for (Socket s : streams) {
                InputStream in = s.getInputStream();
                StringBuilder line = new StringBuilder();
                for (int c; (c = in.read()) >= 0 && c != '\n'; ) {
                    line.append((char) c);
                }
                statuses.add(line.toString().strip());
            }

            assertThat(statuses.stream().filter(x -> x.startsWith("HTTP/1.1 200")).count()).isEqualTo(8);
            assertThat(statuses.stream().filter(x -> x.startsWith("HTTP/1.1 503")).count()).isEqualTo(4);
        } finally {
            for (Socket s : streams) {
                s.close();
            }
        }
    }
}
