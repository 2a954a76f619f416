package dev.estserver.service.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Appends enrollment events. */
@ApplicationScoped
public class AuditLog {

    /** Within the caller's transaction: an issued certificate and its audit row commit together. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(EnrollmentEvent event) {
        event.persist();
    }

    /** In a transaction of its own: a rejection is recorded even though the request's work was rolled back. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void appendAlone(EnrollmentEvent event) {
        event.persist();
    }
}
