package dev.estserver.service.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.estserver.service.support.Csrs;
import dev.estserver.service.support.Database;
import dev.estserver.service.support.EstClient;
import dev.estserver.service.support.ManufacturerCa;
import dev.estserver.service.support.Rejections;
import dev.estserver.service.support.TestCertificates;
import dev.estserver.service.support.TestKeys;

/** /simpleenroll authenticated by a factory-installed (IDevID) certificate instead of a password. */
@QuarkusTest
@QuarkusTestResource(ManufacturerCa.class)
class ClientCertificateEnrollmentTest {

    @Inject
    Database database;

    @Inject
    Rejections rejections;

    private static String device() {
        return "idev-" + UUID.randomUUID();
    }

    private static X509Certificate idevid(KeyPair keys, String name) {
        Instant now = Instant.now();
        return ManufacturerCa.issue("CN=" + name + ",O=Acme", keys, now.minusSeconds(60), now.plusSeconds(3600));
    }

    @Test
    void enrollsWithManufacturerCertificateAndNoPassword() {
        String name = device();
        KeyPair factoryKeys = TestKeys.ecP256();
        EstClient client = EstClient.withCertificate(factoryKeys, idevid(factoryKeys, name));
        HttpResponse<byte[]> response = client.post("simpleenroll", "application/pkcs10",
                Csrs.base64(Csrs.csr(TestKeys.ecP256(), "CN=" + name)));
        assertThat(response.statusCode()).as(EstClient.text(response)).isEqualTo(200);
        assertThat(database.count("select count(*) from enrollment_event where device_identity = ? and outcome = "
                + "'ISSUED' and auth_method = 'CLIENT_CERTIFICATE' and principal = ?", name, "O=Acme,CN=" + name))
                .isEqualTo(1);
    }

    @Test
    void rejectsExpiredManufacturerCertificateWithChallengeAndReason() {
        String name = device();
        KeyPair keys = TestKeys.ecP256();
        Instant now = Instant.now();
        X509Certificate expired = ManufacturerCa.issue("CN=" + name, keys, now.minusSeconds(7200),
                now.minusSeconds(3600));
        HttpResponse<byte[]> response = EstClient.withCertificate(keys, expired).post("simpleenroll",
                "application/pkcs10", Csrs.base64(Csrs.csr(TestKeys.ecP256(), "CN=" + name)));
        rejections.assertRejected(response, 401, "client certificate 'CN=" + name, "not accepted for enrollment",
                "; send HTTP Basic bootstrap credentials or a one-time enrollment code in the CSR's otpChallenge "
                        + "attribute (RFC 7894) instead");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"estrealm\"");
    }

    @Test
    void rejectsSelfSignedCertificateForEnrollment() {
        KeyPair keys = TestKeys.ecP256();
        HttpResponse<byte[]> response = EstClient.withCertificate(keys, TestCertificates.selfSigned("CN=rogue", keys))
                .post("simpleenroll", "application/pkcs10", Csrs.base64(Csrs.csr(keys, "CN=rogue")));
        rejections.assertRejected(response, 401, "client certificate 'CN=rogue'", "not accepted for enrollment");
    }

    @Test
    void usesBasicCredentialsWhenTheCertificateIsNotTrusted() {
        String name = device();
        KeyPair keys = TestKeys.ecP256();
        HttpResponse<byte[]> response = EstClient.withCertificate(keys, TestCertificates.selfSigned("CN=rogue", keys))
                .enroll(null, Csrs.csr(TestKeys.ecP256(), "CN=" + name));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(database.single("select auth_method from enrollment_event where device_identity = ?", name))
                .isEqualTo("BASIC");
    }

    @Test
    void refusesAManufacturerCertificateOnALabelThatDoesNotAcceptCertificates() {
        String name = device();
        KeyPair keys = TestKeys.ecP256();
        HttpResponse<byte[]> response = EstClient.withCertificate(keys, idevid(keys, name)).post(
                "basic-only/simpleenroll", "application/pkcs10",
                Csrs.base64(Csrs.csr(TestKeys.ecP256(), "CN=" + name)));
        rejections.assertRejected(response, 401, "a TLS client certificate was presented, but label 'basic-only' does "
                + "not accept client-certificate (est.profiles.basic-only.auth-methods = basic); send HTTP Basic "
                + "bootstrap credentials instead");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"estrealm\"");
    }

    @Test
    void usesBasicCredentialsWhereCertificatesAreNotAccepted() {
        String name = device();
        KeyPair keys = TestKeys.ecP256();
        HttpResponse<byte[]> response = EstClient.withCertificate(keys, idevid(keys, name))
                .enroll("basic-only", Csrs.csr(TestKeys.ecP256(), "CN=" + name));
        assertThat(response.statusCode()).as(EstClient.text(response)).isEqualTo(200);
        assertThat(database.single("select auth_method from enrollment_event where device_identity = ?", name))
                .isEqualTo("BASIC");
    }
}
