package dev.estserver.service.admin;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.estserver.service.context.EnrollmentContext;
import dev.estserver.service.revocation.RevocationReason;
import dev.estserver.service.revocation.Revocations;
import dev.estserver.service.store.AuditLog;
import dev.estserver.service.store.CertificateRecord;
import dev.estserver.service.store.EnrollmentEvent;

/** An operator's revocation: revoked (with its new CRL) and audited in the caller's transaction. */
@ApplicationScoped
class AuditedRevocations {

    private final Revocations revocations;
    private final AuditLog audit;

    AuditedRevocations(Revocations revocations, AuditLog audit) {
        this.revocations = revocations;
        this.audit = audit;
    }

    /** Refused with 409 when the certificate is already revoked. */
    @Transactional(Transactional.TxType.MANDATORY)
    void revoke(EnrollmentContext context, CertificateRecord certificate, RevocationReason reason) {
        revocations.revoke(certificate.serial, reason, Instant.now());
        audit.append(context.event(EnrollmentEvent.Outcome.REVOKED, 200, certificate.serial, reason.rfcName()));
    }
}
