package io.github.ecgid.core.io;

import io.github.ecgid.core.EcgFormatException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Line-by-line CSV reading shared by the CSV readers: strips a UTF-8 byte-order mark, accepts CRLF, trims
 * cells, rejects binary bytes and lines over {@value BoundedLineReader#DEFAULT_MAX_LINE} characters, and
 * tolerates blank lines only at the end. Not a general CSV parser: the formats it serves have no quoting.
 */
final class CsvLines implements AutoCloseable {

    private static final String UTF8_BOM_AS_LATIN1 = "\u00EF\u00BB\u00BF";

    private final BoundedLineReader in;
    private final String source;
    private long lineNo;
    private long firstBlankLine = -1;

    private CsvLines(Reader in, String source) {
        this.in = new BoundedLineReader(in, source, BoundedLineReader.DEFAULT_MAX_LINE);
        this.source = source;
    }

    /**
     * Opens a file. Bytes are decoded as ISO-8859-1, which never fails, so that binary garbage is reported
     * by our own check with its line and column instead of a decoder error.
     */
    static CsvLines open(Path file) {
        BinaryFiles.refuseSpecialFile(file, "CSV file");
        try {
            return new CsvLines(new InputStreamReader(Files.newInputStream(file), StandardCharsets.ISO_8859_1),
                    file.toString());
        } catch (NoSuchFileException e) {
            throw EcgFormatException.inFile(file, "CSV file not found");
        } catch (IOException e) {
            throw EcgFormatException.inFile(file.toString(), "cannot open CSV file: " + e.getMessage(), e);
        }
    }

    static CsvLines of(Reader reader, String source) {
        return new CsvLines(reader, source);
    }

    String source() {
        return source;
    }

    /** 1-based number of the line last returned. */
    long lineNo() {
        return lineNo;
    }

    /**
     * The next non-blank line, trimmed, or null at the end. A blank line followed by more data is an error
     * (a sign of concatenated or damaged files).
     */
    String next() {
        while (true) {
            String raw;
            try {
                raw = in.readLine();
            } catch (IOException e) {
                throw EcgFormatException.inFile(source, "cannot read line " + (lineNo + 1) + ": " + e.getMessage(), e);
            }
            if (raw == null) {
                return null;
            }
            lineNo++;
            if (lineNo == 1) {
                if (raw.startsWith(UTF8_BOM_AS_LATIN1)) {
                    raw = raw.substring(3);
                } else if (raw.startsWith("\uFEFF")) {
                    raw = raw.substring(1);
                }
            }
            checkText(raw);
            String line = raw.strip();
            if (line.isEmpty()) {
                if (firstBlankLine < 0) {
                    firstBlankLine = lineNo;
                }
                continue;
            }
            if (firstBlankLine >= 0) {
                throw error(firstBlankLine, "blank line inside the data (more rows follow at line " + lineNo
                        + "); expected blank lines only at the end");
            }
            return line;
        }
    }

    /** Splits a line into trimmed cells. */
    static String[] cells(String line) {
        String[] c = line.split(",", -1);
        for (int i = 0; i < c.length; i++) {
            c[i] = c[i].strip();
        }
        return c;
    }

    /** A problem with the whole source rather than one line. */
    EcgFormatException wholeFile(String problem) {
        return EcgFormatException.inFile(source, problem, null);
    }

    EcgFormatException error(String problem) {
        return error(lineNo, problem);
    }

    EcgFormatException error(long line, String problem) {
        return EcgFormatException.atLine(source, line, problem);
    }

    private void checkText(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\r') || (c >= 0x7f && c < 0xa0)) {
                throw error(lineNo, String.format("expected CSV text, found binary byte 0x%02x at column %d",
                        (int) c, i + 1));
            }
        }
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw EcgFormatException.inFile(source, "cannot close: " + e.getMessage(), e);
        }
    }
}
