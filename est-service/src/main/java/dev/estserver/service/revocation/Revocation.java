package dev.estserver.service.revocation;

import java.time.Instant;

/** A certificate just revoked, as the caller of {@link Revocations#revoke} reports it. */
public record Revocation(String serial, String label, String subject, Instant revokedAt, RevocationReason reason) {
}
