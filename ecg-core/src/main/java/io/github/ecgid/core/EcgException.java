package io.github.ecgid.core;

/**
 * Root of every error ecgid throws on purpose. Unchecked: callers catch the subtype they can act on
 * ({@link EcgFormatException} for bad files, {@link EcgSignalException} for unusable signal,
 * {@link EcgModelException} for bad models, {@link EcgDeviceException} for device trouble).
 *
 * <p>Messages say what went wrong, where (file and line or byte offset, or sample index), what was
 * expected and what to try.
 */
public class EcgException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EcgException(String message) {
        super(message);
    }

    public EcgException(String message, Throwable cause) {
        super(message, cause);
    }
}
