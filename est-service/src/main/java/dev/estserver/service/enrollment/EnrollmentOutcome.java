package dev.estserver.service.enrollment;

import java.time.Duration;

/**
 * What an enrollment came to, for the protocol to answer as it does: a certificate, or a request held until an
 * operator decides, which the client asks about again after {@code retryAfter}.
 */
public sealed interface EnrollmentOutcome {

    record Issued(IssuedCertificate certificate) implements EnrollmentOutcome {
    }

    /** @param reason what it waits for, such as "stored for manual approval (request 12, ...)" */
    record Pending(Duration retryAfter, String reason) implements EnrollmentOutcome {
    }
}
