package dev.estserver.service.problem;

import java.time.Duration;
import java.util.Optional;

/**
 * A request refused for a reason the client can act on. The message is sent to the client verbatim as
 * {@code text/plain}: it names the check that failed, what was expected and what was seen, and never a secret.
 */
public class RequestRejected extends RuntimeException {

    private final Problem problem;
    private final Duration retryAfter;

    public RequestRejected(Problem problem, String message) {
        this(problem, message, null);
    }

    /** A refusal that ends by itself: the response says when to try again ({@code Retry-After}). */
    public RequestRejected(Problem problem, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.problem = problem;
        this.retryAfter = retryAfter;
    }

    public Problem problem() {
        return problem;
    }

    /** How long the client should wait before retrying, when the refusal is temporary. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
