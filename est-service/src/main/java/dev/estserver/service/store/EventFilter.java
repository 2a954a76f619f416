package dev.estserver.service.store;

import java.time.Instant;

/**
 * Which audit events a query shows; null fields do not filter.
 *
 * @param from events at or after this instant
 * @param to   events before this instant
 */
public record EventFilter(String deviceIdentity, String operation, EnrollmentEvent.Outcome outcome, Instant from,
        Instant to) {
}
