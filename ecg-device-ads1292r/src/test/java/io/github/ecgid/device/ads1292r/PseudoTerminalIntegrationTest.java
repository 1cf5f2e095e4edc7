package io.github.ecgid.device.ads1292r;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ecgid.core.EcgDeviceException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator writes into one end of a real pseudo-terminal pair made by socat, the driver reads the other end.
 * Channel 1 (respiration) carries the sample number, so loss, duplication and reordering are visible.
 */
@Timeout(60)
class PseudoTerminalIntegrationTest {
    private static final double FS = 250;
    private static final double MV_PER_COUNT = AdcScale.ORIGIN.mvPerCount();

    @TempDir
    Path dir;

    /** ECG-like codes whose bytes are never 0x0A or 0x0B, so injected broken frames resynchronise predictably. */
    static int[] ecgCodes(int n) {
        int[] ecg = new int[n];
        for (int i = 0; i < n; i++) {
            int v = (int) Math.round(300_000 * Math.sin(2 * Math.PI * i / FS) + 50_000 * Math.sin(i / 7.0));
            while (hasByte(v, 0x0A) || hasByte(v, 0x0B)) {
                v++;
            }
            ecg[i] = v;
        }
        return ecg;
    }

    private static boolean hasByte(int v, int b) {
        for (int k = 0; k < 4; k++) {
            if (((v >> (8 * k)) & 0xFF) == b) {
                return true;
            }
        }
        return false;
    }

    static int[] counter(int n) {
        int[] c = new int[n];
        for (int i = 0; i < n; i++) {
            c[i] = i;
        }
        return c;
    }

    /** Reads until -1 and keeps the respiration channel decoded back to the sample number. */
    static final class Consumer extends Thread {
        final Ads1292rDevice device;
        final List<Integer> numbers = Collections.synchronizedList(new ArrayList<>());
        volatile Throwable error;

        Consumer(Ads1292rDevice device) {
            this.device = device;
            setDaemon(true);
        }

        @Override
        public void run() {
            double[][] buf = new double[2][300];
            try {
                int n;
                while ((n = device.read(buf, 0, 300)) >= 0) {
                    for (int i = 0; i < n; i++) {
                        numbers.add((int) Math.round(buf[1][i] / MV_PER_COUNT));
                    }
                }
            } catch (Throwable t) {
                error = t;
            }
        }
    }

    @Test
    void deliversSixtySecondsExactlyOnceInOrderThroughGarbageBrokenFramesAndAReconnect() throws Exception {
        int total = 15_000; // 60 s at 250 Hz
        int half = total / 2;
        int[] ecg = ecgCodes(total);
        int[] number = counter(total);
        Path csv = dir.resolve("rec.csv");
        List<String> events = new CopyOnWriteArrayList<>();
        SocatPair cable = SocatPair.start(dir);
        Ads1292rDevice device = Ads1292rDevice.builder(cable.hostLink.toString())
                .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(200))
                .queueCapacity(total)
                .recordTo(csv)
                .listener(new Ads1292rListener() {
                    @Override
                    public void onConnected(String portPath) {
                        events.add("connected");
                    }

                    @Override
                    public void onDisconnected(String portPath, String reason) {
                        events.add("disconnected");
                    }
                })
                .open();
        Consumer consumer = new Consumer(device);
        consumer.start();

        // phase 1: 30 s of data at 20x real time, with garbage, corrupt and truncated packets between segments
        Random rnd = new Random(42);
        long bytesWritten = 0;
        long garbageBytes = 0;
        int corruptInjected = 0;
        int truncatedInjected = 0;
        byte[] broken = new byte[15];
        try (Ads1292rSimulator sim = Ads1292rSimulator.builder(cable.boardLink.toString()).speed(20).open()) {
            for (int seg = 0; seg < 10; seg++) {
                int from = seg * half / 10;
                int to = (seg + 1) * half / 10;
                assertThat(sim.playCodes(ecg, number, from, to - from, FS)).isEqualTo(to - from);
                bytesWritten += 15L * (to - from);
                byte[] garbage = new byte[1 + rnd.nextInt(60)];
                for (int i = 0; i < garbage.length; i++) {
                    do {
                        garbage[i] = (byte) rnd.nextInt(256);
                    } while (garbage[i] == 0x0A);
                }
                sim.writeRaw(garbage, 0, garbage.length);
                garbageBytes += garbage.length;
                bytesWritten += garbage.length;
                // a packet with a wrong stop byte, carrying an out-of-band number that must never arrive
                Ads1292rProtocol.PROTOCENTRAL.encode(0x111111, -7, 0, broken, 0);
                if (seg % 2 == 0) {
                    broken[14] = 0x0C;
                    sim.writeRaw(broken, 0, 15);
                    corruptInjected++;
                    bytesWritten += 15;
                } else {
                    sim.writeRaw(broken, 0, 8); // cut short, the next real packet follows at once
                    truncatedInjected++;
                    bytesWritten += 8;
                }
            }
            // half a packet, then the cable is pulled
            Ads1292rProtocol.PROTOCENTRAL.encode(0x111111, -9, 0, broken, 0);
            sim.writeRaw(broken, 0, 7);
            bytesWritten += 7;
            long expectIn = bytesWritten;
            awaitTrue(() -> device.stats().decoder().bytesIn() == expectIn, "all phase-1 bytes read");
        }
        assertThat(device.stats().decoder().bytesPending()).isEqualTo(7);
        cable.close();
        awaitTrue(() -> !device.stats().connected(), "disconnect noticed");
        Thread.sleep(300); // a few failed reconnection attempts while no port exists

        // phase 2: a new cable at the same paths (the PTY numbers may differ), another 30 s of data
        SocatPair cable2 = SocatPair.start(dir);
        try {
            awaitTrue(() -> device.stats().reconnects() == 1, "reconnected");
            try (Ads1292rSimulator sim = Ads1292rSimulator.builder(cable2.boardLink.toString()).speed(20).open()) {
                assertThat(sim.playCodes(ecg, number, half, total - half, FS)).isEqualTo(total - half);
                bytesWritten += 15L * (total - half);
                awaitTrue(() -> device.stats().samplesDelivered() == total, "all samples delivered");
                // read() after close() is an error by contract, so let the consumer drain first
                awaitTrue(() -> consumer.numbers.size() >= total, "all samples read");
            }
        } finally {
            device.close();
            cable2.close();
        }
        consumer.join(5000);

        assertThat(consumer.error).isNull();
        assertThat(consumer.numbers).hasSize(total);
        assertThat(consumer.numbers).isEqualTo(boxed(number));
        DeviceStats stats = device.stats();
        assertThat(stats.decoder()).isEqualTo(new DecoderStats(bytesWritten, total,
                corruptInjected + truncatedInjected + 1, garbageBytes + 15L * corruptInjected + 8L * truncatedInjected
                + 7, 0));
        assertThat(stats.samplesDropped()).isZero();
        assertThat(stats.reconnects()).isEqualTo(1);
        assertThat(events).containsExactly("disconnected", "connected");

        List<String> lines = Files.readAllLines(csv, StandardCharsets.US_ASCII);
        assertThat(lines.get(0)).isEqualTo("timestamp, Channel 1, Channel 2, Channel 3");
        assertThat(lines).hasSize(total + 1);
        for (int i = 0; i < total; i++) {
            String[] cells = lines.get(i + 1).split(",\\s*");
            assertThat(Integer.parseInt(cells[1])).isEqualTo(ecg[i]);
            assertThat(Integer.parseInt(cells[2])).isEqualTo(i);
        }
    }

    @Test
    void dropsTheOldestSamplesWhenTheConsumerFallsBehindAndCountsThem() throws Exception {
        assertQueueOverflow(OverflowPolicy.DROP_OLDEST, 900);
    }

    @Test
    void dropsTheNewestSamplesWhenConfiguredAndCountsThem() throws Exception {
        assertQueueOverflow(OverflowPolicy.DROP_NEWEST, 0);
    }

    private void assertQueueOverflow(OverflowPolicy policy, int firstKept) throws Exception {
        int n = 1000;
        try (SocatPair cable = SocatPair.start(dir);
             Ads1292rDevice device = Ads1292rDevice.builder(cable.hostLink.toString()).queueCapacity(100)
                     .overflowPolicy(policy).open();
             Ads1292rSimulator sim = Ads1292rSimulator.builder(cable.boardLink.toString())
                     .speed(Double.POSITIVE_INFINITY).open()) {
            sim.playCodes(ecgCodes(n), counter(n), 0, n, FS);
            awaitTrue(() -> device.stats().samplesDelivered() == n, "all samples delivered");
            assertThat(device.stats().samplesDropped()).isEqualTo(900);
            double[][] buf = new double[2][n];
            int got = device.read(buf, 0, n);
            assertThat(got).isEqualTo(100);
            for (int i = 0; i < got; i++) {
                assertThat(Math.round(buf[1][i] / MV_PER_COUNT)).isEqualTo(firstKept + i);
            }
        }
    }

    @Test
    void reportsLeadOffChangesOfRawFramesAsEvents() throws Exception {
        List<LeadOffEvent> events = new CopyOnWriteArrayList<>();
        int[] bits = new int[300];
        for (int i = 100; i < 150; i++) {
            bits[i] = 0b00100; // IN2P off
        }
        for (int i = 150; i < 160; i++) {
            bits[i] = 0b11000; // RLD and IN2N off
        }
        byte[] frames = new byte[9 * bits.length];
        for (int i = 0; i < bits.length; i++) {
            Ads1292rProtocol.RAW_FRAME.encode(1000 + i, i, bits[i], frames, 9 * i);
        }
        try (SocatPair cable = SocatPair.start(dir);
             Ads1292rDevice device = Ads1292rDevice.builder(cable.hostLink.toString())
                     .protocol(Ads1292rProtocol.RAW_FRAME)
                     .listener(new Ads1292rListener() {
                         @Override
                         public void onLeadOff(LeadOffEvent event) {
                             events.add(event);
                         }
                     }).open();
             Ads1292rSimulator sim = Ads1292rSimulator.builder(cable.boardLink.toString())
                     .protocol(Ads1292rProtocol.RAW_FRAME).open()) {
            sim.writeRaw(frames, 0, frames.length);
            // the last frame waits for the next status word
            awaitTrue(() -> device.stats().samplesDelivered() == bits.length - 1, "frames delivered");
        }
        assertThat(events).containsExactly(new LeadOffEvent(100, 0b00100, 0), new LeadOffEvent(150, 0b11000, 0b00100),
                new LeadOffEvent(160, 0, 0b11000));
        assertThat(events.get(1).describe()).isEqualTo("IN2N RLD");
    }

    @Test
    void failsReadWithADeviceErrorWhenThePortIsLostAndReconnectingIsOff() throws Exception {
        SocatPair cable = SocatPair.start(dir);
        try (Ads1292rDevice device = Ads1292rDevice.builder(cable.hostLink.toString()).reconnect(false).open();
             Ads1292rSimulator sim = Ads1292rSimulator.builder(cable.boardLink.toString())
                     .speed(Double.POSITIVE_INFINITY).open()) {
            sim.playCodes(ecgCodes(10), counter(10), 0, 10, FS);
            awaitTrue(() -> device.stats().samplesDelivered() == 10, "samples delivered");
            cable.close();
            double[][] buf = new double[2][100];
            assertThat(device.read(buf, 0, 100)).isEqualTo(10);
            assertThatThrownBy(() -> device.read(buf, 0, 100)).isInstanceOf(EcgDeviceException.class)
                    .hasMessageContaining("lost serial port").hasMessageContaining("reconnecting is off");
        } finally {
            cable.close();
        }
    }

    @Test
    void endsTheStreamAfterTheSampleLimitWithExactlyThatManyRowsRecorded() throws Exception {
        Path csv = dir.resolve("limited.csv");
        try (SocatPair cable = SocatPair.start(dir);
             Ads1292rDevice device = Ads1292rDevice.builder(cable.hostLink.toString()).stopAfterSamples(250)
                     .recordTo(csv).open();
             Ads1292rSimulator sim = Ads1292rSimulator.builder(cable.boardLink.toString())
                     .speed(Double.POSITIVE_INFINITY).open()) {
            sim.playCodes(ecgCodes(400), counter(400), 0, 400, FS);
            Consumer consumer = new Consumer(device);
            consumer.start();
            consumer.join(10_000);
            assertThat(consumer.isAlive()).isFalse();
            assertThat(consumer.error).isNull();
            assertThat(consumer.numbers).isEqualTo(boxed(counter(250)));
            assertThat(device.stats().connected()).isFalse();
        }
        assertThat(Files.readAllLines(csv)).hasSize(251);
    }

    @Test
    void readAfterCloseIsAnErrorAndCloseIsIdempotent() throws Exception {
        try (SocatPair cable = SocatPair.start(dir)) {
            Ads1292rDevice device = Ads1292rDevice.builder(cable.hostLink.toString()).open();
            device.close();
            device.close();
            assertThatThrownBy(() -> device.read(new double[2][1], 0, 1)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("closed");
            assertThat(device.stats().connected()).isFalse();
        }
    }

    @Test
    void aReadBlockedWhileAnotherThreadClosesReturnsEndOfStream() throws Exception {
        try (SocatPair cable = SocatPair.start(dir)) {
            Ads1292rDevice device = Ads1292rDevice.builder(cable.hostLink.toString()).open();
            Consumer consumer = new Consumer(device);
            consumer.start();
            awaitTrue(() -> consumer.getState() == Thread.State.TIMED_WAITING, "consumer blocked in read");
            device.close();
            consumer.join(3000);
            assertThat(consumer.isAlive()).isFalse();
            assertThat(consumer.error).isNull();
            assertThat(consumer.numbers).isEmpty();
        }
    }

    @Test
    void refusesToOverwriteAnExistingRecordingAndReleasesThePort() throws Exception {
        Path csv = Files.writeString(dir.resolve("old.csv"), "precious");
        try (SocatPair cable = SocatPair.start(dir)) {
            assertThatThrownBy(() -> Ads1292rDevice.builder(cable.hostLink.toString()).recordTo(csv).open())
                    .isInstanceOf(io.github.ecgid.core.EcgIoException.class).hasMessageContaining("old.csv");
            // the port was released: it can be opened again
            Ads1292rDevice.builder(cable.hostLink.toString()).open().close();
        }
        assertThat(Files.readString(csv)).isEqualTo("precious");
    }

    @Test
    void failsFastWithTheNameOfAPortThatDoesNotExist() {
        String missing = dir.resolve("no-such-tty").toString();
        assertThatThrownBy(() -> Ads1292rDevice.builder(missing).open()).isInstanceOf(EcgDeviceException.class)
                .hasMessageContaining(missing);
    }

    static List<Integer> boxed(int[] a) {
        List<Integer> l = new ArrayList<>(a.length);
        for (int v : a) {
            l.add(v);
        }
        return l;
    }

    static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(10);
        }
    }

}
