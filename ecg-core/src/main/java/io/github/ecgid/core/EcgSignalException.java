package io.github.ecgid.core;

/**
 * The signal cannot be processed as asked: NaN or infinite samples where finite ones are needed, a flat
 * line, a sampling rate outside the supported range, a record too short for the requested window.
 */
public class EcgSignalException extends EcgException {
    private static final long serialVersionUID = 1L;

    public EcgSignalException(String message) {
        super(message);
    }

    public EcgSignalException(String message, Throwable cause) {
        super(message, cause);
    }
}
