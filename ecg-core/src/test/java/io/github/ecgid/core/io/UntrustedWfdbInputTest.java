package io.github.ecgid.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.ecgid.core.EcgFormatException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WFDB records as an attacker or a careless user writes them (issue 26): headers that lie about their
 * size, signal files outside the header's folder or that are not files at all, and numbers out of range.
 * Each is refused with an {@link EcgFormatException} naming the file and the field, never an
 * {@link Error}, a hang or a silently wrong value.
 */
class UntrustedWfdbInputTest {

    @TempDir
    Path dir;

    private Path record(String header, byte[] data) {
        WfdbFiles.write(dir.resolve("r.dat"), data);
        WfdbFiles.writeText(dir.resolve("r.hea"), header);
        return dir.resolve("r");
    }

    private static boolean mkfifo(Path p) {
        try {
            Process proc = new ProcessBuilder("mkfifo", p.toString()).redirectErrorStream(true).start();
            return proc.waitFor() == 0 && Files.exists(p);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void aBillionSamplesOverASparseFileAreRefusedBeforeAllocating() throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("r.dat").toFile(), "rw")) {
            f.setLength(1_000_000_000L); // sparse: takes no disk space, and exactly what the header claims
        }
        WfdbFiles.writeText(dir.resolve("r.hea"), "r 1 360 1000000000\nr.dat 80 200 8 0 0 0 0 ECG\n");

        assertThatThrownBy(() -> WfdbReader.read(dir.resolve("r")))
                .isInstanceOf(EcgFormatException.class)
                .hasMessageContaining("r.dat")
                .hasMessageContaining("1000000000 samples x 1 signals")
                .hasMessageContaining("MiB of memory")
                .hasMessageContaining("-Xmx");
    }

    @Test
    void aSampleCountBeyondAnArrayIsRefusedAtTheRecordLine() {
        Path r = record("r 1 360 9000000000000000000\nr.dat 16\n", new byte[4]);

        assertThatThrownBy(() -> WfdbReader.readHeader(r))
                .isInstanceOf(EcgFormatException.class)
                .hasMessageContaining("r.hea, line 1")
                .hasMessageContaining("number of samples per signal 9000000000000000000")
                .hasMessageContaining("at most 2147483639");
    }

    @Test
    void aSignalFileClimbingOutOfTheHeadersFolderIsRefused() {
        Path r = record("r 1 360 4\n../../../../../../etc/passwd 80\n", new byte[4]);

        assertThatThrownBy(() -> WfdbReader.read(r))
                .isInstanceOf(EcgFormatException.class)
                .hasMessageContaining("r.hea, line 2")
                .hasMessageContaining("'../../../../../../etc/passwd' points outside the header's folder");
    }

    @Test
    void anAbsoluteSignalFileIsRefused() {
        Path r = record("r 1 360 4\n/etc/passwd 80\n", new byte[4]);

        assertThatThrownBy(() -> WfdbReader.read(r))
                .isInstanceOf(EcgFormatException.class)
                .hasMessageContaining("r.hea, line 2")
                .hasMessageContaining("'/etc/passwd' points outside");
    }

    @Test
    void aSignalFileThatClimbsOutAndBackInIsRefusedButOneBelowTheFolderIsRead() throws IOException {
        Files.createDirectories(dir.resolve("sub"));
        WfdbFiles.write(dir.resolve("sub/r.dat"), WfdbFiles.encode16(new int[] {200, 400}));
        WfdbFiles.writeText(dir.resolve("ok.hea"), "ok 1 100 2\nsub/./r.dat 16 200\n");
        String folder = dir.getFileName().toString();
        WfdbFiles.writeText(dir.resolve("out.hea"), "out 1 100 2\n../" + folder + "/sub/r.dat 16 200\n");

        assertThat(WfdbReader.read(dir.resolve("ok")).lead(0)).containsExactly(1.0, 2.0);
        assertThatThrownBy(() -> WfdbReader.read(dir.resolve("out")))
                .isInstanceOf(EcgFormatException.class)
                .hasMessageContaining("points outside the header's folder");
    }

    @Test
    void aSignalFileThatIsADeviceIsRefusedInsteadOfReadForever() throws IOException {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "needs /dev/zero");
        Files.createSymbolicLink(dir.resolve("r.dat"), zero);
        WfdbFiles.writeText(dir.resolve("r.hea"), "r 1 360\nr.dat 80\n");

        assertThatThrownBy(() -> WfdbReader.read(dir.resolve("r")))
                .isInstanceOf(EcgFormatException.class)
                .hasMessageContaining("r.dat")
                .hasMessageContaining("not a regular file");
    }

    @Test
    void aSignalFileThatIsAFifoIsRefusedWithoutBlocking() {
        assumeTrue(mkfifo(dir.resolve("r.dat")), "needs mkfifo");
        WfdbFiles.writeText(dir.resolve("r.hea"), "r 1 360 4\nr.dat 80\n");

        Throwable thrown = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> org.assertj.core.api.Assertions.catchThrowable(() -> WfdbReader.read(dir.resolve("r"))));

        assertThat(thrown).isInstanceOf(EcgFormatException.class).hasMessageContaining("r.dat")
                .hasMessageContaining("not a regular file (a folder, FIFO or device)");
    }

    @Test
    void aHeaderOrAnnotationFileThatIsAFifoIsRefusedWithoutBlocking() {
        assumeTrue(mkfifo(dir.resolve("h.hea")), "needs mkfifo");
        WfdbFiles.write(dir.resolve("r.dat"), WfdbFiles.encode16(new int[] {1, 2}));
        WfdbFiles.writeText(dir.resolve("r.hea"), "r 1 100 2\nr.dat 16\n");
        assumeTrue(mkfifo(dir.resolve("r.qrs")), "needs mkfifo");

        Throwable header = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> org.assertj.core.api.Assertions.catchThrowable(() -> WfdbReader.read(dir.resolve("h"))));
        Throwable annotations = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> org.assertj.core.api.Assertions.catchThrowable(() -> WfdbReader.read(dir.resolve("r"), "qrs")));

        assertThat(header).isInstanceOf(EcgFormatException.class).hasMessageContaining("h.hea")
                .hasMessageContaining("not a regular file");
        assertThat(annotations).isInstanceOf(EcgFormatException.class).hasMessageContaining("r.qrs")
                .hasMessageContaining("not a regular file");
    }

    @Test
    void anAbsurdlyHighSamplingFrequencyIsRefused() {
        Path r = record("r 1 1e300 4\nr.dat 80\n", new byte[4]);

        assertThatThrownBy(() -> WfdbReader.readHeader(r))
                .isInstanceOf(EcgFormatException.class)
                .hasMessageContaining("r.hea, line 1")
                .hasMessageContaining("sampling frequency 1e300 Hz is outside 0.001..1000000 Hz");
    }

    @Test
    void aSubnormalSamplingFrequencyIsRefused() {
        Path r = record("r 1 4.9e-324 4\nr.dat 80\n", new byte[4]);

        assertThatThrownBy(() -> WfdbReader.readHeader(r))
                .isInstanceOf(EcgFormatException.class)
                .hasMessageContaining("sampling frequency 4.9e-324 Hz is outside");
    }

    @Test
    void aBaselineAtTheTopOfTheIntRangeDoesNotFlipTheSign() {
        Path r = record("r 1 100 2\nr.dat 16 1(2147483647)/mV\n", WfdbFiles.encode16(new int[] {-5, 7}));

        double[] mv = WfdbReader.read(r).lead(0);

        assertThat(mv).containsExactly(-5.0 - 2147483647.0, 7.0 - 2147483647.0);
    }

    @Test
    void aBaselineBeyondTheIntRangeIsRefusedNamingTheField() {
        Path r = record("r 1 100 2\nr.dat 16 1(2147483648)/mV\n", WfdbFiles.encode16(new int[] {-5, 7}));

        assertThatThrownBy(() -> WfdbReader.read(r))
                .isInstanceOf(EcgFormatException.class)
                .hasMessageContaining("r.hea, line 2")
                .hasMessageContaining("baseline");
    }

    @Test
    void aGainSoSmallThatValuesWouldBeInfiniteIsRefused() {
        Path r = record("r 1 100 2\nr.dat 16 1e-320\n", WfdbFiles.encode16(new int[] {-5, 7}));

        assertThatThrownBy(() -> WfdbReader.read(r))
                .isInstanceOf(EcgFormatException.class)
                .hasMessageContaining("r.hea, line 2")
                .hasMessageContaining("ADC gain 1e-320 is too close to 0");
    }

    @Test
    void aByteOffsetBeyondTheEndOfTheFileIsRefused() {
        Path r = record("r 1 100\nr.dat 16+9223372036854775807\n", WfdbFiles.encode16(new int[] {1, 2}));

        assertThatThrownBy(() -> WfdbReader.read(r))
                .isInstanceOf(EcgFormatException.class)
                .hasMessageContaining("r.dat")
                .hasMessageContaining("byte offset 9223372036854775807")
                .hasMessageContaining("beyond the end of the 4-byte signal file");
    }
}
