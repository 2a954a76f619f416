package dev.estserver.service.problem;

/**
 * A request refused for a reason the client can act on. The message is sent to the client verbatim as
 * {@code text/plain}: it names the check that failed, what was expected and what was seen, and never a secret.
 */
public class RequestRejected extends RuntimeException {

    private final Problem problem;

    public RequestRejected(Problem problem, String message) {
        super(message, null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
