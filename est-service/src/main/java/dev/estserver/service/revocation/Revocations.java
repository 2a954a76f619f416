package dev.estserver.service.revocation;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import dev.estserver.service.ca.SerialNumbers;
import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;
import dev.estserver.service.store.CertificateRecord;
import dev.estserver.service.store.Device;

/**
 * Revokes certificates this service issued. The revocation commits together with a new CRL of the certificate's CA,
 * and OCSP reads the certificate table on every request, so both report it as soon as this returns. The device whose
 * current certificate it was is marked changed, as its registration shows the revocation; callers lock that device
 * first, the order in which every path locks a device and its certificates.
 */
@ApplicationScoped
public class Revocations {

    private final CrlPublisher crls;
    private final MeterRegistry registry;

    Revocations(CrlPublisher crls, MeterRegistry registry) {
        this.crls = crls;
        this.registry = registry;
    }

    /**
     * @param serial hexadecimal, as {@code openssl x509 -serial} prints it; case and colons do not matter
     * @param at     the revocation date stated in CRLs and OCSP responses
     * @throws RequestRejected 400 for a serial that is not hexadecimal, 404 for one this service did not issue,
     *                         409 for a certificate already revoked (the message says when and why)
     */
    @Transactional
    public Revocation revoke(String serial, RevocationReason reason, Instant at) {
        String hex = SerialNumbers.normalize(serial);
        CertificateRecord certificate = CertificateRecord.findById(hex, LockModeType.PESSIMISTIC_WRITE);
        if (certificate == null) {
            throw new RequestRejected(Problem.NOT_FOUND, "no certificate with serial " + hex
                    + " was issued by this server");
        }
        if (certificate.status == CertificateRecord.Status.REVOKED) {
            throw new RequestRejected(Problem.CONFLICT, "certificate serial " + hex + " is already revoked: since "
                    + certificate.revokedAt + ", reason " + RevocationReason.describe(certificate.revocationReason));
        }
        certificate.revoke(reason.code(), at);
        Device.currentCertificateRevoked(hex);
        crls.publishFor(certificate.issuer);
        Counter.builder("est.revocations")
                .description("Certificates revoked, by RFC 5280 reason: by an operator, or superseded by a "
                        + "replacing enrollment (counted per replica)")
                .tag("reason", reason.rfcName()).register(registry).increment();
        return new Revocation(hex, certificate.label, certificate.subject, at, reason);
    }
}
