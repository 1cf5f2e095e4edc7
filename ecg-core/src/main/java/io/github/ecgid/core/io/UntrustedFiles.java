package io.github.ecgid.core.io;

import io.github.ecgid.core.EcgFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Whole-file reads of files that may be hostile or mistaken: only regular files (a FIFO would block, a device
 * never end), at most a stated size (checked before reading and while reading, so a file that grows cannot
 * exhaust memory either).
 *
 * <pre>{@code
 * byte[] model = UntrustedFiles.readAll(Path.of("m.onnx"), 256L << 20, "model file");
 * }</pre>
 */
public final class UntrustedFiles {

    private UntrustedFiles() {
    }

    /**
     * The file's bytes.
     *
     * @param maxBytes largest size accepted
     * @param what     what the file is, for messages, e.g. {@code "template store"}
     * @throws EcgFormatException when the file is missing, not a regular file, larger than {@code maxBytes} or
     *                            unreadable
     */
    public static byte[] readAll(Path file, long maxBytes, String what) {
        BinaryFiles.refuseSpecialFile(file, what);
        try (InputStream in = Files.newInputStream(file)) {
            long size = Files.size(file);
            if (size > maxBytes) {
                throw tooLarge(file, what, size, maxBytes);
            }
            int cap = (int) Math.min(maxBytes, Integer.MAX_VALUE - 8);
            byte[] data = in.readNBytes(cap);
            if (data.length == cap && cap < Integer.MAX_VALUE - 8 && in.read() >= 0) {
                throw tooLarge(file, what, -1, maxBytes);
            }
            return data;
        } catch (NoSuchFileException e) {
            throw EcgFormatException.inFile(file, what + " not found");
        } catch (IOException e) {
            throw EcgFormatException.inFile(String.valueOf(file), "cannot read " + what + ": " + e.getMessage(), e);
        }
    }

    private static EcgFormatException tooLarge(Path file, String what, long size, long maxBytes) {
        return EcgFormatException.inFile(file, what + (size >= 0 ? " of " + size + " bytes" : "") + " is larger than "
                + maxBytes + " bytes; is it the right file?");
    }
}
