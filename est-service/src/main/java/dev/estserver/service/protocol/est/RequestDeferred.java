package dev.estserver.service.protocol.est;

import java.time.Duration;

import dev.estserver.service.enrollment.EnrollmentOutcome;
import dev.estserver.service.enrollment.IssuedCertificate;

/**
 * EST's answer to an enrollment that is pending (RFC 7030 §4.2.3): 202 with Retry-After; the client polls by sending
 * the same request again. The message says what it is waiting for. Thrown by the EST layer only, so that the
 * exception mapper answers and audits it like every other outcome that is not a certificate.
 */
final class RequestDeferred extends RuntimeException {

    private final Duration retryAfter;

    RequestDeferred(Duration retryAfter, String message) {
        super(message, null, false, false);
        this.retryAfter = retryAfter;
    }

    /** The certificate of an enrollment that issued one; a pending one is answered 202 through this exception. */
    static IssuedCertificate issuedOrDeferred(EnrollmentOutcome outcome) {
        return switch (outcome) {
            case EnrollmentOutcome.Issued issued -> issued.certificate();
            case EnrollmentOutcome.Pending pending -> throw new RequestDeferred(pending.retryAfter(), pending.reason());
        };
    }

    Duration retryAfter() {
        return retryAfter;
    }
}
