package dev.estserver.service.store;

import java.time.Instant;

/**
 * Which devices a list shows; null fields do not filter.
 *
 * @param expiringBefore devices whose current certificate ends before this instant
 * @param identityPrefix devices whose identity starts with this text (case-sensitive)
 */
public record DeviceFilter(String label, Device.Status status, Instant expiringBefore, String identityPrefix) {
}
