package dev.estserver.service.store;

import java.time.Instant;

/**
 * Which certificates a list shows; null fields do not filter.
 *
 * @param expiringBefore certificates that end before this instant
 * @param identityPrefix certificates of devices whose identity starts with this text (case-sensitive)
 */
public record CertificateFilter(String label, CertificateRecord.Status status, Instant expiringBefore,
        String identityPrefix, Long deviceId) {
}
