package io.github.ecgid.core;

import java.io.IOException;

/**
 * Reading or writing failed below the data: a file that cannot be created or written, a full disk, a closed
 * stream, a port that cannot be listened on. The message names the file or stream; the cause is the
 * {@link IOException}.
 */
public class EcgIoException extends EcgException {
    private static final long serialVersionUID = 1L;

    public EcgIoException(String message, IOException cause) {
        super(message, cause);
    }
}
