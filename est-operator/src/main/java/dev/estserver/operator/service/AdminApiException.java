package dev.estserver.operator.service;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * est-service refused a call (its text/plain reason is kept, to end up in a condition message) or could not be
 * reached at all.
 */
public class AdminApiException extends RuntimeException {

    /** The status of an answer that never came, or came unreadable. */
    public static final int UNREACHABLE = 0;
    private static final int CONFLICT = 409;

    private final int status;
    private final transient Optional<Duration> retryAfter;

    private AdminApiException(int status, String message, Throwable cause, Optional<Duration> retryAfter) {
        super(message, cause);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    static AdminApiException refused(String method, URI uri, int status, String reason,
            Optional<Duration> retryAfter) {
        String because = reason == null || reason.isBlank() ? "" : ": " + reason.strip();
        return new AdminApiException(status, "est-service answered " + status + " to " + method + " " + uri.getPath()
                + because, null, retryAfter);
    }

    static AdminApiException unreachable(String method, URI uri, IOException cause) {
        return new AdminApiException(UNREACHABLE, "est-service did not answer " + method + " " + uri + ": "
                + cause, cause, Optional.empty());
    }

    /** For test doubles of {@link AdminApi}. */
    public static AdminApiException of(int status, String message) {
        return new AdminApiException(status, message, null, Optional.empty());
    }

    /** The HTTP status, or {@link #UNREACHABLE}. */
    public int status() {
        return status;
    }

    /** How long the service asked to be left alone (Retry-After in seconds), if it did. */
    public Optional<Duration> retryAfter() {
        return retryAfter;
    }

    /** Another owner holds the registration: a conflict of identities no retry resolves. */
    public boolean isConflict() {
        return status == CONFLICT;
    }

    /** True when waiting may help: the service is down, overloaded or unreachable; false for a refused request. */
    public boolean isTransient() {
        return status == UNREACHABLE || status >= 500 || status == 429;
    }
}
