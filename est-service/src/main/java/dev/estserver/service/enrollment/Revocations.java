package dev.estserver.service.enrollment;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.estserver.service.ca.RevocationReason;
import dev.estserver.service.store.AuditLog;
import dev.estserver.service.store.CertificateRecord;
import dev.estserver.service.store.EnrollmentEvent;

/**
 * Revokes certificates on an operator's request: the one place where that happens, so that CRL and OCSP can be told
 * about every revocation from here.
 */
@ApplicationScoped
public class Revocations {

    private final AuditLog audit;

    Revocations(AuditLog audit) {
        this.audit = audit;
    }

    /** Within the caller's transaction, which holds the certificate's row; audited with the certificate's serial. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void revoke(EstExchange exchange, CertificateRecord certificate, RevocationReason reason) {
        certificate.revoke(reason.code(), Instant.now());
        audit.append(exchange.event(EnrollmentEvent.Outcome.REVOKED, 200, certificate.serial, reason.rfcName()));
    }
}
