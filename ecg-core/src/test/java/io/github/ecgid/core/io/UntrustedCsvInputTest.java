package io.github.ecgid.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.ecgid.core.EcgFormatException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CSV input that would exhaust memory or block (issue 26): an endless line after the header, a FIFO or a
 * device in place of the file. The readers stop after a bounded amount of input with a typed error.
 */
class UntrustedCsvInputTest {

    @TempDir
    Path dir;

    /** A header line, then NUL characters for ever; counts what was read. */
    static final class EndlessNuls extends Reader {
        private final char[] header;
        long served;

        EndlessNuls(String header) {
            this.header = header.toCharArray();
        }

        @Override
        public int read(char[] cbuf, int off, int len) {
            for (int i = 0; i < len; i++) {
                long at = served++;
                cbuf[off + i] = at < header.length ? header[(int) at] : '\0';
            }
            return len;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aSeedHeaderFollowedByEndlessNulsStopsAfterOneMebibyteWithATypedError() {
        EndlessNuls in = new EndlessNuls("timestamp, Channel 1, Channel 2, Channel 3\n");

        Throwable thrown = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> catchThrowable(() -> SeedCsvReader.read(in, "nuls.csv", SeedCsvOptions.defaults())));

        assertThat(thrown).isInstanceOf(EcgFormatException.class).hasMessageContaining("nuls.csv, line 2")
                .hasMessageContaining("longer than 1048576 characters");
        assertThat(in.served).isLessThan(4L << 20);
    }

    @Test
    void aPlainHeaderFollowedByEndlessNulsStopsWithATypedError() {
        EndlessNuls in = new EndlessNuls("time_s,I\n");

        Throwable thrown = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> catchThrowable(() -> PlainCsvReader.read(in, "nuls.csv", Double.NaN)));

        assertThat(thrown).isInstanceOf(EcgFormatException.class).hasMessageContaining("line 2")
                .hasMessageContaining("longer than");
        assertThat(in.served).isLessThan(4L << 20);
    }

    @Test
    void aCsvFileThatIsAFifoOrADeviceIsRefusedWithoutBlocking() throws Exception {
        Path fifo = dir.resolve("f.csv");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(p.waitFor() == 0, "needs mkfifo");
        Path zero = dir.resolve("z.csv");
        assumeTrue(Files.exists(Path.of("/dev/zero")), "needs /dev/zero");
        Files.createSymbolicLink(zero, Path.of("/dev/zero"));

        List<Throwable> thrown = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            List<Throwable> t = new ArrayList<>();
            t.add(catchThrowable(() -> SeedCsvReader.read(fifo)));
            t.add(catchThrowable(() -> PlainCsvReader.read(zero)));
            return t;
        });

        assertThat(thrown).allSatisfy(t -> assertThat(t).isInstanceOf(EcgFormatException.class)
                .hasMessageContaining("not a regular file"));
    }

    @Test
    void theBoundedLineReaderEndsLinesLikeBufferedReader() throws IOException {
        String text = "a\nb\r\nc\rd\r\r\ne" + "x".repeat(70_000) + "\n\nlast";
        List<String> lines = new ArrayList<>();
        try (BoundedLineReader r = new BoundedLineReader(new StringReader(text), "t", 1 << 20)) {
            for (String l; (l = r.readLine()) != null; ) {
                lines.add(l);
            }
            assertThat(r.lineNo()).isEqualTo(8);
        }

        assertThat(lines).containsExactlyElementsOf(new java.io.BufferedReader(new StringReader(text)).lines()
                .toList());
    }
}
