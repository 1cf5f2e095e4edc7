package io.github.ecgid.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A client that opens an event stream and stops reading must not hold its connection slot for ever. */
class DashboardStalledClientTest {

    @Test
    void aClientThatStopsReadingIsDroppedAndItsSlotFreed() throws Exception {
        CountDownLatch streamEnded = new CountDownLatch(1);
        String chunk = "data: " + "x".repeat(65_536) + "\n\n";
        DashboardHttp.Handler endless = (req, res) -> {
            if (!req.path().equals("/events")) {
                res.send(200, "text/plain", "ok");
                return;
            }
            try {
                res.startStream("text/event-stream");
                while (true) { // until the connection is closed under it
                    res.write(chunk);
                }
            } finally {
                streamEnded.countDown();
            }
        };
        try (DashboardHttp http = new DashboardHttp(InetAddress.getLoopbackAddress(), 0, 1, Duration.ofMillis(300),
                Set.of(), null, endless);
             Socket stalled = new Socket()) {
            http.start();
            int port = http.address().getPort();
            stalled.setReceiveBufferSize(4096);
            stalled.connect(http.address());
            stalled.getOutputStream().write(("GET /events HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1)); // and never reads a byte

            assertThat(streamEnded.await(20, TimeUnit.SECONDS)).as("the stalled stream was ended").isTrue();
            assertThat(statusLine(port, "/")).as("the one slot is free again").isEqualTo("HTTP/1.1 200 OK");
        }
    }

    private static String statusLine(int port, String path) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String line = "";
        while (System.nanoTime() < deadline) { // the slot is released just after the stream's handler returns
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.setSoTimeout(10_000);
                s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                InputStream in = s.getInputStream();
                StringBuilder b = new StringBuilder();
                for (int c; (c = in.read()) >= 0 && c != '\n'; ) {
                    b.append((char) c);
                }
                line = b.toString().strip();
            } catch (IOException e) { // still over the cap: the refusal resets the connection
                line = e.toString();
            }
            if (line.startsWith("HTTP/1.1 200")) {
                return line;
            }
            Thread.sleep(50);
        }
        return line;
    }
}
