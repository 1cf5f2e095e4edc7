package io.github.ecgid.core;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A file or byte stream does not have the expected format: truncated data, a wrong header, an unknown
 * format code, a non-numeric cell. Carries the source and, where known, the 1-based line or the 0-based
 * byte offset of the problem.
 *
 * <pre>{@code
 * try { WfdbReader.read(Path.of("100")); }
 * catch (EcgFormatException e) { log.warn("{} at byte {}", e.source(), e.byteOffset().orElse(-1)); }
 * }</pre>
 */
public class EcgFormatException extends EcgException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final long line;
    private final long byteOffset;

    private EcgFormatException(String source, long line, long byteOffset, String problem, Throwable cause) {
        super(compose(source, line, byteOffset, problem), cause);
        this.source = source;
        this.line = line;
        this.byteOffset = byteOffset;
    }

    /** A problem at a 1-based line of a text file. */
    public static EcgFormatException atLine(Path file, long line, String problem) {
        return new EcgFormatException(String.valueOf(file), line, -1, problem, null);
    }

    /** A problem at a 1-based line of a named text source. */
    public static EcgFormatException atLine(String source, long line, String problem) {
        return new EcgFormatException(source, line, -1, problem, null);
    }

    /** A problem at a 0-based byte offset of a binary file. */
    public static EcgFormatException atByte(Path file, long byteOffset, String problem) {
        return new EcgFormatException(String.valueOf(file), -1, byteOffset, problem, null);
    }

    /** A problem at a 0-based byte offset of a named binary source. */
    public static EcgFormatException atByte(String source, long byteOffset, String problem) {
        return new EcgFormatException(source, -1, byteOffset, problem, null);
    }

    /** A problem with a whole file (e.g. it is missing or empty). */
    public static EcgFormatException inFile(Path file, String problem) {
        return new EcgFormatException(String.valueOf(file), -1, -1, problem, null);
    }

    /** A problem with a whole named source, caused by another exception (e.g. an I/O error). */
    public static EcgFormatException inFile(String source, String problem, Throwable cause) {
        return new EcgFormatException(source, -1, -1, problem, cause);
    }

    private static String compose(String source, long line, long byteOffset, String problem) {
        StringBuilder sb = new StringBuilder(source);
        if (line >= 1) {
            sb.append(", line ").append(line);
        }
        if (byteOffset >= 0) {
            sb.append(", byte ").append(byteOffset);
        }
        return sb.append(": ").append(problem).toString();
    }

    /** The file or stream that was being read. */
    public String source() {
        return source;
    }

    /** The 1-based line of the problem, if the source is text. */
    public Optional<Long> line() {
        return line >= 1 ? Optional.of(line) : Optional.empty();
    }

    /** The 0-based byte offset of the problem, if the source is binary. */
    public Optional<Long> byteOffset() {
        return byteOffset >= 0 ? Optional.of(byteOffset) : Optional.empty();
    }
}
