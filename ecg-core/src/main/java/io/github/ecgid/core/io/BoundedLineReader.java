package io.github.ecgid.core.io;

import io.github.ecgid.core.EcgFormatException;
import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines like {@link java.io.BufferedReader#readLine()} (ended by {@code \n}, {@code \r} or
 * {@code \r\n}, terminator dropped) but refuses a line longer than a limit before buffering it, so that a
 * file of gigabytes without a line break (e.g. a header followed by NUL bytes) is a typed error, not an
 * {@link OutOfMemoryError}.
 */
final class BoundedLineReader implements AutoCloseable {

    /** Default longest line, in characters: 1 MiB. */
    static final int DEFAULT_MAX_LINE = 1 << 20;

    private final Reader in;
    private final String source;
    private final int maxLine;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int limit;
    private boolean skipLf;
    private long lineNo;

    BoundedLineReader(Reader in, String source, int maxLine) {
        this.in = in;
        this.source = source;
        this.maxLine = maxLine;
    }

    /** 1-based number of the line last returned (0 before the first). */
    long lineNo() {
        return lineNo;
    }

    /**
     * The next line without its terminator, or null at the end.
     *
     * @throws EcgFormatException when the line is longer than the limit
     * @throws IOException        when reading fails
     */
    String readLine() throws IOException {
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
