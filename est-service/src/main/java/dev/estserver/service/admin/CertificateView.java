package dev.estserver.service.admin;

import java.time.Instant;

import dev.estserver.service.revocation.RevocationReason;
import dev.estserver.service.store.CertificateRecord;

/**
 * A certificate as the admin API shows it (without its DER; download it as PEM).
 *
 * @param revocationReason the RFC 5280 CRLReason name, such as {@code keyCompromise}; null unless revoked
 */
public record CertificateView(String serial, long deviceId, String label, String issuer, String subject,
        String subjectAltNames, Instant notBefore, Instant notAfter, String fingerprintSha256, String status,
        Instant revokedAt, String revocationReason, String replacesSerial, Instant issuedAt) {

    static CertificateView of(CertificateRecord c) {
        return new CertificateView(c.serial, c.deviceId, c.label, c.issuer, c.subject, c.subjectAltNames, c.notBefore,
                c.notAfter, c.fingerprintSha256, c.status.name(), c.revokedAt,
                c.revocationReason == null ? null : RevocationReason.describe(c.revocationReason),
                c.replacesSerial, c.issuedAt);
    }
}
