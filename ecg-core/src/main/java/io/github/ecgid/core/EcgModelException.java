package io.github.ecgid.core;

/**
 * A model cannot be used: a file of the wrong shape or class count, an unsupported ONNX operator, a corrupt
 * or truncated model file, an input that does not fit the network (wrong beat length, NaN in a beat).
 */
public class EcgModelException extends EcgException {
    private static final long serialVersionUID = 1L;

    public EcgModelException(String message) {
        super(message);
    }

    public EcgModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
