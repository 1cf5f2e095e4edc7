package io.github.ecgid.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.ecgid.core.EcgFormatException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The template store's key file: bounded, a regular file, enough key material, warned about when shared. */
class KeyFilesTest {

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private byte[] read(Path keyFile) {
        CommandLine cl = EcgidCommand.commandLine();
        cl.setErr(new PrintWriter(err));
        return IdentifierOptions.readKey(cl, keyFile);
    }

    private Path key(String name, String content, String perms) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.ISO_8859_1);
        if (Files.getFileAttributeView(p, PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        }
        return p;
    }

    private static String randomHex(int bytes, long seed) {
        byte[] b = new byte[bytes];
        new SplittableRandom(seed).nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    @Test
    void devZeroAsKeyFileIsRefusedWithoutReadingIt() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "needs /dev/zero");

        assertThatThrownBy(() -> read(zero)).isInstanceOf(EcgFormatException.class)
                .hasMessageContaining("/dev/zero").hasMessageContaining("not a regular file");
    }

    @Test
    void aKeyFileOverFourKibibytesIsRefused() throws Exception {
        Path big = key("big", randomHex(2049, 1), "rw-------");

        assertThatThrownBy(() -> read(big)).isInstanceOf(EcgFormatException.class)
                .hasMessageContaining("big").hasMessageContaining("larger than 4096 bytes");
    }

    @Test
    void sixteenRepeatedCharactersAreRefusedAsTooLittleKeyMaterial() throws Exception {
        Path weak = key("weak", "aaaaaaaaaaaaaaaa\n", "rw-------");

        assertThatThrownBy(() -> read(weak)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key file " + weak).hasMessageContaining("about 0 bits")
                .hasMessageContaining("at least 128").hasMessageContaining("openssl rand -hex 32");
    }

    @Test
    void sixteenHexDigitsAreTooShortEvenWhenRandom() throws Exception {
        Path shortKey = key("short", randomHex(8, 2), "rw-------");

        assertThatThrownBy(() -> read(shortKey)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("about 64 bits");
    }

    @Test
    void thirtyTwoRandomHexDigitsOrSixteenRandomBytesAreAcceptedSilently() throws Exception {
        String hex = randomHex(16, 3);
        Path hexKey = key("hex", hex + "\n", "rw-------");
        byte[] raw = new byte[16];
        new SplittableRandom(4).nextBytes(raw);
        Path rawKey = dir.resolve("raw");
        Files.write(rawKey, raw);
        Files.setPosixFilePermissions(rawKey, PosixFilePermissions.fromString("r--------"));

        assertThat(read(hexKey)).isEqualTo(hex.getBytes(StandardCharsets.US_ASCII));
        assertThat(read(rawKey)).isEqualTo(raw);
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aWorldReadableKeyFileIsUsedWithAWarning() throws Exception {
        Path shared = key("shared", randomHex(32, 5), "rw-r--r--");
        assumeTrue(Files.getFileAttributeView(shared, PosixFileAttributeView.class) != null, "needs POSIX");

        read(shared);

        assertThat(err.toString()).contains("warning: key file " + shared + " is readable by everyone")
                .contains("rw-r--r--").contains("chmod 600");
    }

    @Test
    void aGroupReadableKeyFileIsWarnedAbout() throws Exception {
        Path group = key("group", randomHex(32, 6), "rw-r-----");
        assumeTrue(Files.getFileAttributeView(group, PosixFileAttributeView.class) != null, "needs POSIX");

        read(group);

        assertThat(err.toString()).contains("readable by its group");
    }

    @Test
    void theKeyOfTheCommandTestsPassesTheEstimate() {
        assertThat(KeyFiles.estimatedBits("a-32-byte-secret-for-unit-tests!".getBytes(StandardCharsets.US_ASCII)))
                .isGreaterThanOrEqualTo(KeyFiles.MIN_BITS);
    }
}
