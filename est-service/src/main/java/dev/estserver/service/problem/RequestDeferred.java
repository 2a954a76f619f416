package dev.estserver.service.problem;

import java.time.Duration;

/**
 * A request accepted but not yet answered (RFC 7030 §4.2.3): 202 with Retry-After; the client polls by sending the
 * same request again. The message says what it is waiting for.
 */
public class RequestDeferred extends RuntimeException {

    private final Duration retryAfter;

    public RequestDeferred(Duration retryAfter, String message) {
        super(message, null, false, false);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
