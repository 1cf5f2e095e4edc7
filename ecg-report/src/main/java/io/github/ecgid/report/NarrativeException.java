package io.github.ecgid.report;

import io.github.ecgid.core.EcgException;

/**
 * The narrative service could not write a narrative: rejected key (HTTP 401/403), rate limit or server errors
 * that outlasted the retries, a timeout, or an unreadable answer. Callers typically fall back to a report
 * without narrative ({@link EcgReport.Builder#narrativeOff}).
 */
public class NarrativeException extends EcgException {
    private static final long serialVersionUID = 1L;
    private final int httpStatus;

    public NarrativeException(String message, int httpStatus) {
        super(message);
        this.httpStatus = httpStatus;
    }

    public NarrativeException(String message, Throwable cause) {
        super(message, cause);
        this.httpStatus = -1;
    }

    /** The HTTP status of the last answer, or -1 when none came (timeout, connection failure). */
    public int httpStatus() {
        return httpStatus;
    }

    /** Whether the service rejected the API key (HTTP 401 or 403): retrying will not help. */
    public boolean authenticationFailed() {
        return httpStatus == 401 || httpStatus == 403;
    }
}
