package dev.estserver.service.enrollment;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import dev.estserver.service.auth.Caller;
import dev.estserver.service.auth.ChannelBinding;
import dev.estserver.service.ca.CertificateIssuer;
import dev.estserver.service.ca.CertificateRequestData;
import dev.estserver.service.ca.PkiMaterial;
import dev.estserver.service.ca.SerialNumbers;
import dev.estserver.service.policy.CsrPolicy;
import dev.estserver.service.policy.Profile;

/**
 * Enrollment and re-enrollment: policy, then signing, then one transaction that stores the result. Signing happens
 * before the transaction so that no database lock is held during public-key operations.
 */
@ApplicationScoped
public class EnrollmentService {

    private final PkiMaterial pki;
    private final IssuanceRecorder recorder;

    EnrollmentService(PkiMaterial pki, IssuanceRecorder recorder) {
        this.pki = pki;
        this.recorder = recorder;
    }

    public IssuedCertificate enroll(EstExchange exchange, Profile profile, PKCS10CertificationRequest csr) {
        CertificateRequestData request = accept(exchange, profile, csr);
        X509CertificateHolder certificate = CertificateIssuer.issue(pki.issuingCa(profile.issuingCa()), profile.certificate(), request, Instant.now());
        return recorder.recordEnrollment(exchange, profile.duplicateDevice(), certificate);
    }

    public IssuedCertificate reenroll(EstExchange exchange, Profile profile, Caller caller,
            PKCS10CertificationRequest csr) {
        CertificateRequestData request = accept(exchange, profile, csr);
        var current = caller.certificate().orElseThrow();
        SameIdentity.require(current, request);
        X509CertificateHolder certificate = CertificateIssuer.issue(pki.issuingCa(profile.issuingCa()), profile.certificate(), request, Instant.now());
        return recorder.recordReenrollment(exchange, SerialNumbers.toHex(current.getSerialNumber()), certificate);
    }

    private static CertificateRequestData accept(EstExchange exchange, Profile profile,
            PKCS10CertificationRequest csr) {
        CertificateRequestData request = CertificateRequestData.of(csr);
        exchange.device(DeviceIdentity.of(request));
        CsrPolicy.check(csr, profile);
        ChannelBinding.require(profile, exchange.tls(), csr);
        return request;
    }
}
