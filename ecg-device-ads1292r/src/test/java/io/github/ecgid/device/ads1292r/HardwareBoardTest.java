package io.github.ecgid.device.ads1292r;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks against a real ADS1292R board; excluded by default (tag {@code hardware}). Run as described in
 * docs/device.md: {@code ECGID_ADS1292R_PORT=/dev/ttyUSB0 ./mvnw -pl ecg-device-ads1292r test -Dgroups=hardware
 * -Ddevice.excludedGroups=slow}. Optional: {@code ECGID_ADS1292R_PROTOCOL} (protocentral|raw),
 * {@code ECGID_ADS1292R_BAUD}, {@code ECGID_ADS1292R_FS}.
 */
@Tag("hardware")
@Timeout(60)
class HardwareBoardTest {

    @TempDir
    Path dir;

    @Test
    void boardStreamsCleanFramesAtItsSamplingRateForTenSeconds() throws Exception {
        String port = System.getenv("ECGID_ADS1292R_PORT");
        assumeTrue(port != null && !port.isBlank(), "set ECGID_ADS1292R_PORT to the board's serial port");
        Ads1292rProtocol protocol = "raw".equalsIgnoreCase(System.getenv("ECGID_ADS1292R_PROTOCOL"))
                ? Ads1292rProtocol.RAW_FRAME : Ads1292rProtocol.PROTOCENTRAL;
        int baud = Integer.parseInt(System.getenv().getOrDefault("ECGID_ADS1292R_BAUD", "115200"));
        double fs = Double.parseDouble(System.getenv().getOrDefault("ECGID_ADS1292R_FS", "250"));
        Path csv = dir.resolve("board.csv");
        int wanted = (int) Math.round(10 * fs);
        double[][] buf = new double[2][wanted];
        int got = 0;
        long delivered;
        try (Ads1292rDevice dev = Ads1292rDevice.builder(port).protocol(protocol).baudRate(baud).samplingRateHz(fs)
                .recordTo(csv).open()) {
            // discard 1.5 s: the OS may hold a backlog from before the port was opened, which arrives as a burst
            long warmUpEnd = System.nanoTime() + 1_500_000_000L;
            while (System.nanoTime() < warmUpEnd) {
                dev.read(buf, 0, wanted);
            }
            long firstNanos = System.nanoTime();
            while (got < wanted) {
                int n = dev.read(buf, got, wanted - got);
                if (n < 0) {
                    break;
                }
                got += n;
            }
            double seconds = (System.nanoTime() - firstNanos) / 1e9;
            DeviceStats s = dev.stats();
            assertThat(got).isEqualTo(wanted);
            assertThat(wanted / seconds).as("samples per second").isCloseTo(fs, within(0.05 * fs));
            // opening mid-frame may cost one partial frame, nothing more
            assertThat(s.decoder().framesCorrupt()).isLessThanOrEqualTo(1);
            assertThat(s.decoder().bytesDiscarded()).isLessThan(2L * protocol.frameBytes());
            assertThat(s.samplesDropped()).isZero();
            dev.close();
            delivered = dev.stats().samplesDelivered();
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < wanted; i++) {
            min = Math.min(min, buf[0][i]);
            max = Math.max(max, buf[0][i]);
        }
        assertThat(max - min).as("ECG range in mV: not a flat line").isGreaterThan(0.001);
        assertThat(Files.readAllLines(csv)).hasSize((int) delivered + 1);
    }
}
