package io.github.ecgid.cli;

import io.github.ecgid.core.EcgFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Set;

/**
 * Reads and checks the template store's HMAC key: a regular file of at most {@value #MAX_BYTES} bytes (so
 * that {@code /dev/zero} or a stray log file cannot exhaust memory), holding at least
 * {@value #MIN_BITS} bits of key material by {@link #estimatedBits(byte[]) a conservative estimate}, with a
 * warning when others than the owner may read it.
 */
final class KeyFiles {

    /** Largest key file read. */
    static final int MAX_BYTES = 4096;
    /** Key material required, in bits. */
    static final int MIN_BITS = 128;

    private static final String MAKE_ONE = "write a random key, e.g. `openssl rand -hex 32 > FILE` or "
            + "`head -c 32 /dev/urandom > FILE`, then `chmod 600 FILE`";

    private KeyFiles() {
    }

    /**
     * The key's bytes (less one trailing newline), checked; a warning goes to {@code err} when the file is
     * group- or world-readable.
     */
    static byte[] read(Path file, PrintWriter err) {
        if (!Files.isRegularFile(file)) {
            throw EcgFormatException.inFile(file, Files.exists(file)
                    ? "key file is not a regular file (a folder, FIFO or device); expected a small file holding the key"
                    + " (" + MAKE_ONE.replace("FILE", "KEYFILE") + ")"
                    : "key file not found; " + MAKE_ONE.replace("FILE", file.toString()));
        }
        byte[] key;
        try (InputStream in = Files.newInputStream(file)) {
            key = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw EcgFormatException.inFile(file.toString(), "cannot read the key file: " + e.getMessage(), e);
        }
        if (key.length > MAX_BYTES) {
            throw EcgFormatException.inFile(file, "key file is larger than " + MAX_BYTES + " bytes; expected a "
                    + "key of 16 to " + MAX_BYTES + " bytes (is it the right file?)");
        }
        warnIfReadableByOthers(file, err);
        key = withoutTrailingNewline(key);
        requireStrong(key, "key file " + file, file.toString());
        return key;
    }

    static byte[] withoutTrailingNewline(byte[] key) {
        int end = key.length;
        if (end > 0 && key[end - 1] == '\n') {
            end--;
            if (end > 0 && key[end - 1] == '\r') {
                end--;
            }
        }
        return Arrays.copyOf(key, end);
    }

    /** Refuses a key with less than {@link #MIN_BITS} bits of estimated key material. */
    static void requireStrong(byte[] key, String what, String fileForExample) {
        int bits = estimatedBits(key);
        if (bits < MIN_BITS) {
            throw new IllegalArgumentException(what + " holds about " + bits + " bits of key material (" + key.length
                    + " bytes" + (isRepetitive(key) ? ", mostly repeated" : "") + "); expected at least " + MIN_BITS
                    + ": " + MAKE_ONE.replace("FILE", fileForExample));
        }
    }

    /**
     * A conservative estimate of a key's entropy in bits: its length times the bits a symbol of its alphabet
     * carries (8 for arbitrary bytes, 6 for base64 characters, 4 for hex digits, 5 for other text, which
     * passphrases are), and 0 for a key dominated by repeated symbols (more than a quarter of it, or fewer
     * than 8 distinct ones). It refuses obviously weak keys; it cannot prove a key random.
     */
    static int estimatedBits(byte[] key) {
        if (key.length == 0 || isRepetitive(key)) {
            return 0;
        }
        boolean hex = true;
        boolean base64 = true;
        boolean text = true;
        for (byte b : key) {
            int c = b & 0xFF;
            boolean digit = c >= '0' && c <= '9';
            boolean lowerHex = c >= 'a' && c <= 'f';
            boolean upperHex = c >= 'A' && c <= 'F';
            boolean letter = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
            hex &= digit || lowerHex || upperHex;
            base64 &= digit || letter || c == '+' || c == '/' || c == '=' || c == '-' || c == '_';
            text &= c >= 0x20 && c < 0x7f;
        }
        int perSymbol = hex ? 4 : base64 ? 6 : text ? 5 : 8;
        return key.length * perSymbol;
    }

    private static boolean isRepetitive(byte[] key) {
        int[] count = new int[256];
        int max = 0;
        int distinct = 0;
        for (byte b : key) {
            int c = ++count[b & 0xFF];
            if (c == 1) {
                distinct++;
            }
            max = Math.max(max, c);
        }
        return distinct < 8 || max > Math.max(4, key.length / 4);
    }

    private static void warnIfReadableByOthers(Path file, PrintWriter err) {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            return; // not a POSIX file system: nothing to check
        }
        Set<PosixFilePermission> perms;
        try {
            perms = view.readAttributes().permissions();
        } catch (IOException e) {
            return;
        }
        if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
            err.println("ecgid: warning: key file " + file + " is readable by "
                    + (perms.contains(PosixFilePermission.OTHERS_READ) ? "everyone" : "its group") + " ("
                    + PosixFilePermissions.toString(perms) + "); run `chmod 600 " + file + "`");
            err.flush();
        }
    }
}
