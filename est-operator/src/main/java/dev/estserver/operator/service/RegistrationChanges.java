package dev.estserver.operator.service;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One page of {@code GET /api/v1/registrations?changedSince=}: the registrations changed at or after that moment.
 *
 * @param nextCursor null on the last page
 * @param asOf       the service's clock when it ran the query
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RegistrationChanges(List<RegistrationView> items, String nextCursor, Instant asOf) {
}
