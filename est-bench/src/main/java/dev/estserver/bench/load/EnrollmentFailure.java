package dev.estserver.bench.load;

import java.io.IOException;
import java.net.SocketTimeoutException;

/**
 * Why an enrollment did not count as a success.
 *
 * @see LoadResult#errorKinds()
 */
final class EnrollmentFailure extends Exception {

    private final String kind;

    EnrollmentFailure(String kind, String detail) {
        super(kind + ": " + detail, null, false, false);
        this.kind = kind;
    }

    /** {@code timeout} for a connect or read that took longer than allowed, {@code io:<exception>} otherwise. */
    static EnrollmentFailure of(IOException e) {
        String kind = e instanceof SocketTimeoutException ? "timeout" : "io:" + e.getClass().getSimpleName();
        return new EnrollmentFailure(kind, String.valueOf(e.getMessage()));
    }

    static EnrollmentFailure poolExhausted(CsrPoolExhaustedException e) {
        return new EnrollmentFailure("csr-pool-exhausted", e.getMessage());
    }

    String kind() {
        return kind;
    }
}
