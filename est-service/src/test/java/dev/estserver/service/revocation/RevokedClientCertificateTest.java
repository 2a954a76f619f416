package dev.estserver.service.revocation;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.estserver.service.support.Csrs;
import dev.estserver.service.support.EstClient;
import dev.estserver.service.support.Rejections;
import dev.estserver.service.support.TestCertificates;
import dev.estserver.service.support.TestKeys;

/** A certificate we revoked authenticates no EST operation (issue 4). */
@QuarkusTest
class RevokedClientCertificateTest {

    @Inject
    Revocations revocations;

    @Inject
    Rejections rejections;

    private final String name = "revoked-" + UUID.randomUUID();
    private final KeyPair keys = TestKeys.ecP256();

    private X509Certificate enrolledThenRevoked() {
        X509Certificate certificate = EstClient.anonymous().enrolled(null,
                Csrs.csr(keys, "CN=" + name, name + ".example"));
        revocations.revoke(TestCertificates.serial(certificate), RevocationReason.KEY_COMPROMISE, Instant.now());
        return certificate;
    }

    @Test
    void revokedCertificateCannotReenroll() {
        X509Certificate certificate = enrolledThenRevoked();
        rejections.assertRejected(EstClient.withCertificate(keys, certificate).reenroll(null,
                Csrs.csr(keys, "CN=" + name, name + ".example")), 403,
                "client certificate serial " + TestCertificates.serial(certificate) + " was revoked at",
                "(reason keyCompromise): a revoked certificate cannot be renewed nor authenticate any other EST "
                        + "operation");
    }

    @Test
    void revokedCertificateIsRefusedOnEnrollmentEvenWithBootstrapCredentials() {
        X509Certificate certificate = enrolledThenRevoked();
        rejections.assertRejected(EstClient.withCertificate(keys, certificate).enroll(null,
                Csrs.csr(TestKeys.ecP256(), "CN=" + name + "-new", name + "-new.example")), 403,
                "client certificate serial " + TestCertificates.serial(certificate) + " was revoked at");
    }
}
