package dev.estserver.service.enrollment;

import java.time.Instant;

import dev.estserver.service.store.PendingRequest;

/**
 * An enrollment request under manual approval, as the admin API shows it.
 *
 * @param status PENDING, EXPIRED (pending past its expiry), APPROVED, REJECTED or ISSUED
 */
public record ApprovalView(long id, String label, String deviceIdentity, String subject, String subjectAltNames,
        String publicKey, String requestedBy, String authMethod, String clientAddress, Instant requestedAt,
        Instant expiresAt, String status, Instant decidedAt, String decidedBy, String reason,
        String certificateSerial) {

    static ApprovalView of(PendingRequest request, Instant now) {
        return new ApprovalView(request.id, request.label, request.deviceIdentity, request.subject,
                request.subjectAltNames, request.publicKey, request.principal, request.authMethod,
                request.clientAddress, request.requestedAt, request.expiresAt,
                request.isExpired(now) ? "EXPIRED" : request.status.name(), request.decidedAt, request.decidedBy,
                request.decisionReason, request.certificateSerial);
    }
}
