package io.github.ecgid.core.io;

import io.github.ecgid.core.EcgFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Bulk reads of binary files through one {@link FileChannel} read loop. */
final class BinaryFiles {

    private BinaryFiles() {
    }

    /**
     * Refuses a path that exists but is not a regular file (a folder, FIFO, socket or device such as
     * {@code /dev/zero}) before anything opens it: opening a FIFO blocks until a writer appears, and a
     * device never ends. Symbolic links are followed. A missing file passes, for the caller's own message.
     */
    static void refuseSpecialFile(Path file, String what) {
        if (!Files.isRegularFile(file) && Files.exists(file)) {
            throw EcgFormatException.inFile(file, what + " is not a regular file (a folder, FIFO or device); "
                    + "expected a plain file on disk");
        }
    }

    /** Size of a file in bytes, with a typed error when it is missing or not a regular file. */
    static long size(Path file, String what) {
        refuseSpecialFile(file, what);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return ch.size();
        } catch (NoSuchFileException e) {
            throw EcgFormatException.inFile(file, what + " not found");
        } catch (IOException e) {
            throw EcgFormatException.inFile(String.valueOf(file), "cannot read " + what + ": " + e.getMessage(), e);
        }
    }

    /** The whole file as a heap buffer (position 0, limit = size). */
    static ByteBuffer readAll(Path file) {
        return read(file, 0, -1, "file");
    }

    /**
     * {@code length} bytes from {@code offset} (or everything from {@code offset} when length is -1). The
     * caller has checked the size; a file that shrinks meanwhile still gets a typed error.
     */
    static ByteBuffer read(Path file, long offset, long length, String what) {
        refuseSpecialFile(file, what);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long n = length < 0 ? Math.max(0, ch.size() - offset) : length;
            if (n > Integer.MAX_VALUE - 8) {
                throw EcgFormatException.inFile(file, what + " is too large to read at once (" + n
                        + " bytes); expected at most " + (Integer.MAX_VALUE - 8));
            }
            ByteBuffer buf = ByteBuffer.allocate((int) n);
            long pos = offset;
            while (buf.hasRemaining()) {
                int r = ch.read(buf, pos);
                if (r < 0) {
                    throw EcgFormatException.atByte(file, pos, what + " ended early; expected " + (offset + n)
                            + " bytes, found " + pos);
                }
                pos += r;
            }
            return buf.flip();
        } catch (NoSuchFileException e) {
            throw EcgFormatException.inFile(file, what + " not found");
        } catch (IOException e) {
            throw EcgFormatException.inFile(String.valueOf(file), "cannot read " + what + ": " + e.getMessage(), e);
        }
    }
}
