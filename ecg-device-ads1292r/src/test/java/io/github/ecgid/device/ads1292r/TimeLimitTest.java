package io.github.ecgid.device.ads1292r;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.ecgid.device.ads1292r.internal.ByteLink;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** A timed stream ends by the wall clock even when the port never sends a byte (issue 26: record --seconds). */
class TimeLimitTest {

    /** A port that is open but silent: every read times out after 100 ms, as a serial port does. */
    static final class SilentLink implements ByteLink {
        volatile boolean closed;

        @Override
        public int read(byte[] b, int off, int len) {
            LockSupport.parkNanos(100_000_000L);
            return 0;
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }

        @Override
        public String path() {
            return "/dev/silent";
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void aSilentPortEndsTheStreamAtTheTimeLimit() {
        SilentLink link = new SilentLink();
        Ads1292rDevice dev = Ads1292rDevice.builder("/dev/silent").stopAfterSamples(750)
                .stopAfter(Duration.ofMillis(300)).open(link);
        double[][] buf = new double[2][64];
        long start = System.nanoTime();

        int n = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> dev.read(buf, 0, 64));
        double seconds = (System.nanoTime() - start) / 1e9;
        dev.close();

        assertThat(n).isEqualTo(-1);
        assertThat(seconds).isBetween(0.2, 3.0);
        assertThat(link.closed).isTrue();
        assertThat(dev.stats().samplesDelivered()).isZero();
    }
}
