package io.github.ecgid.core.io;

import io.github.ecgid.core.EcgFormatException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;

/**
 * Reads lines like {@link java.io.BufferedReader#readLine()} (ended by {@code \n}, {@code \r} or
 * {@code \r\n}, terminator dropped) but refuses a line longer than a limit before buffering it, so that a
 * file of gigabytes without a line break (e.g. a header followed by NUL bytes) is a typed error, not an
 * {@link OutOfMemoryError}.
 */
public final class BoundedLineReader implements AutoCloseable {

    /** Default longest line, in characters: 1 MiB. */
    public static final int DEFAULT_MAX_LINE = 1 << 20;

    private final Reader in;
    private final String source;
    private final int maxLine;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int limit;
    private boolean skipLf;
    private long lineNo;

    /**
     * Opens a text file for bounded line reading: a regular file only (a FIFO or device is refused before
     * opening), decoded strictly in {@code charset} (malformed bytes are an {@link IOException} on read), lines of
     * at most {@value #DEFAULT_MAX_LINE} characters.
     *
     * @param what what the file is, for messages, e.g. {@code "RR file"}
     * @throws IOException when the file cannot be opened (e.g. it does not exist)
     */
    public static BoundedLineReader open(Path file, java.nio.charset.Charset charset, String what)
            throws IOException {
        BinaryFiles.refuseSpecialFile(file, what);
        java.nio.charset.CharsetDecoder dec = charset.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        return new BoundedLineReader(new java.io.InputStreamReader(java.nio.file.Files.newInputStream(file), dec),
                file.toString(), DEFAULT_MAX_LINE);
    }

    BoundedLineReader(Reader in, String source, int maxLine) {
        this.in = in;
        this.source = source;
        this.maxLine = maxLine;
    }

    /** 1-based number of the line last returned (0 before the first). */
    public long lineNo() {
        return lineNo;
    }

    /**
     * The next line without its terminator, or null at the end.
     *
     * @throws EcgFormatException when the line is longer than the limit
     * @throws IOException        when reading fails
     */
    public String readLine() throws IOException {
        StringBuilder sb = null;
        while (true) {
            if (pos >= limit && !fill()) {
                if (sb == null) {
                    return null;
                }
                lineNo++;
                return sb.toString();
            }
            if (skipLf) {
                skipLf = false;
                if (buf[pos] == '\n') {
                    pos++;
                    continue;
                }
            }
            int start = pos;
            int end = start;
            while (end < limit && buf[end] != '\n' && buf[end] != '\r') {
                end++;
            }
            int have = sb == null ? 0 : sb.length();
            if (have + (end - start) > maxLine) {
                throw EcgFormatException.atLine(source, lineNo + 1, "line is longer than " + maxLine
                        + " characters; expected a text file with line breaks (is it binary or damaged?)");
            }
            if (end < limit) {
                char terminator = buf[end];
                pos = end + 1;
                skipLf = terminator == '\r';
                lineNo++;
                if (sb == null) {
                    return new String(buf, start, end - start);
                }
                return sb.append(buf, start, end - start).toString();
            }
            if (sb == null) {
                sb = new StringBuilder(Math.max(16, end - start));
            }
            sb.append(buf, start, end - start);
            pos = end;
        }
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) {
            pos = 0;
            limit = 0;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
