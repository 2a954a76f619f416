package dev.estserver.service.problem;

import java.time.Duration;
import java.util.Optional;

/**
 * A request refused for a reason the client can act on. The message names the check that failed, what was expected
 * and what was seen, and never a secret; the protocol sends it with the {@link Remedy}, if any, in its own words.
 */
public class RequestRejected extends RuntimeException {

    private final Problem problem;
    private final Duration retryAfter;
    private final Remedy remedy;

    public RequestRejected(Problem problem, String message) {
        this(problem, message, null, null);
    }

    /** A refusal the client can overcome: each protocol appends how to its answer. */
    public RequestRejected(Problem problem, String message, Remedy remedy) {
        this(problem, message, null, remedy);
    }

    /** A refusal that ends by itself: the response says when to try again ({@code Retry-After}). */
    public RequestRejected(Problem problem, String message, Duration retryAfter) {
        this(problem, message, retryAfter, null);
    }

    private RequestRejected(Problem problem, String message, Duration retryAfter, Remedy remedy) {
        super(message, null, false, false);
        this.problem = problem;
        this.retryAfter = retryAfter;
        this.remedy = remedy;
    }

    public Problem problem() {
        return problem;
    }

    /** What the client can do about it, beyond the message, which says what failed. */
    public Optional<Remedy> remedy() {
        return Optional.ofNullable(remedy);
    }

    /** How long the client should wait before retrying, when the refusal is temporary. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
