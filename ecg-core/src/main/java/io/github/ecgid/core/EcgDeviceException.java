package io.github.ecgid.core;

/** An acquisition device failed: a port that cannot be opened, a lost connection, a protocol error. */
public class EcgDeviceException extends EcgException {
    private static final long serialVersionUID = 1L;

    public EcgDeviceException(String message) {
        super(message);
    }

    public EcgDeviceException(String message, Throwable cause) {
        super(message, cause);
    }
}
