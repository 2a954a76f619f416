package dev.estserver.service.admin;

import java.time.Instant;

import dev.estserver.service.store.EnrollmentEvent;

/** One row of the audit, as the admin API shows it. */
public record EventView(long id, Instant occurredAt, String requestId, String operation, String label,
        String outcome, int statusCode, String authMethod, String principal, String clientAddress,
        String deviceIdentity, String serial, String reason) {

    static EventView of(EnrollmentEvent e) {
        return new EventView(e.id, e.occurredAt, e.requestId, e.operation, e.label, e.outcome.name(), e.statusCode,
                e.authMethod, e.principal, e.clientAddress, e.deviceIdentity, e.serial, e.reason);
    }
}
