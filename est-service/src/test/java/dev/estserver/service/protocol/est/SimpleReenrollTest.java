package dev.estserver.service.protocol.est;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.estserver.service.ca.SerialNumbers;
import dev.estserver.service.support.Csrs;
import dev.estserver.service.support.Database;
import dev.estserver.service.support.EstClient;
import dev.estserver.service.support.Pkcs7;
import dev.estserver.service.support.Rejections;
import dev.estserver.service.support.TestCertificates;
import dev.estserver.service.support.TestKeys;
import dev.estserver.service.support.TestTls;

@QuarkusTest
class SimpleReenrollTest {

    @Inject
    Database database;

    @Inject
    Rejections rejections;

    /** A freshly enrolled device: its name, key and certificate. */
    private record Enrolled(String name, KeyPair keys, X509Certificate certificate) {

        EstClient client() {
            return EstClient.withCertificate(keys, certificate);
        }

        String serial() {
            return TestCertificates.serial(certificate);
        }
    }


    private static Enrolled enrolled(String label) {
        String name = "dev-" + UUID.randomUUID();
        KeyPair keys = TestKeys.ecP256();
        X509Certificate cert = EstClient.anonymous().enrolled(label, Csrs.csr(keys, "CN=" + name, name + ".example"));
        return new Enrolled(name, keys, cert);
    }

    @Test
    void renewsWithSameKeyAndRecordsWhatItReplaces() {
        Enrolled device = enrolled(null);
        HttpResponse<byte[]> response = device.client().reenroll(null,
                Csrs.csr(device.keys(), "CN=" + device.name(), device.name() + ".example"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValue("application/pkcs7-mime; smime-type=certs-only");
        X509Certificate renewed = Pkcs7.single(response.body());
        assertThat(renewed.getSubjectX500Principal()).isEqualTo(device.certificate().getSubjectX500Principal());
        assertThat(renewed.getSerialNumber()).isNotEqualTo(device.certificate().getSerialNumber());
        String serial = TestCertificates.serial(renewed);
        assertThat(database.single("select replaces_serial from certificate where serial = ?", serial))
                .isEqualTo(device.serial());
        assertThat(database.single("select current_certificate_serial from device where identity = ?", device.name()))
                .isEqualTo(serial);
        assertThat(database.count("select count(*) from enrollment_event where operation = 'simplereenroll' and "
                + "outcome = 'ISSUED' and auth_method = 'CLIENT_CERTIFICATE' and serial = ?", serial)).isEqualTo(1);
    }

    @Test
    void renewsWithNewKey() {
        Enrolled device = enrolled(null);
        KeyPair newKeys = TestKeys.rsa(2048);
        HttpResponse<byte[]> response = device.client().reenroll(null,
                Csrs.csr(newKeys, "CN=" + device.name(), device.name() + ".example"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Pkcs7.single(response.body()).getPublicKey()).isEqualTo(newKeys.getPublic());
    }

    @Test
    void renewsTheRenewedCertificate() {
        Enrolled device = enrolled("plant-a");
        X509Certificate second = Pkcs7.single(device.client().reenroll("plant-a",
                Csrs.csr(device.keys(), "CN=" + device.name(), device.name() + ".example")).body());
        HttpResponse<byte[]> third = EstClient.withCertificate(device.keys(), second).reenroll("plant-a",
                Csrs.csr(device.keys(), "CN=" + device.name(), device.name() + ".example"));
        assertThat(third.statusCode()).isEqualTo(200);
    }

    @Test
    void rejectsRequestWithoutClientCertificate() {
        Enrolled device = enrolled(null);
        rejections.assertRejected(EstClient.anonymous().reenroll(null,
                Csrs.csr(device.keys(), "CN=" + device.name(), device.name() + ".example")), 403,
                "re-enrollment requires TLS client authentication", "no client certificate was presented");
    }

    @Test
    void rejectsSelfSignedClientCertificate() {
        KeyPair keys = TestKeys.ecP256();
        X509Certificate selfSigned = TestCertificates.selfSigned("CN=impostor", keys);
        rejections.assertRejected(EstClient.withCertificate(keys, selfSigned).reenroll(null,
                Csrs.csr(keys, "CN=impostor")), 403, "client certificate 'CN=impostor'",
                "was not issued by this label's CA");
    }

    @Test
    void rejectsCertificateSignedByOurCaKeyButNeverIssued() {
        KeyPair keys = TestKeys.ecP256();
        X509Certificate forged = TestCertificates.signed("CN=ghost", keys, "CN=EST Demo Root CA,O=est-server demo",
                TestTls.caKey(), BigInteger.valueOf(0xABCDEFL));
        rejections.assertRejected(EstClient.withCertificate(keys, forged).reenroll(null, Csrs.csr(keys, "CN=ghost")),
                403, "client certificate serial ABCDEF is not in this server's records");
    }

    @Test
    void rejectsExpiredCertificateOfOurs() {
        Instant now = Instant.now();
        rejections.assertRejected(reenrollWithCertificateOfOurs("CN=old", now.minusSeconds(7200),
                now.minusSeconds(3600)), 403, "client certificate 'CN=old'", "expired at");
    }

    @Test
    void rejectsCertificateOfOursNotYetValid() {
        Instant now = Instant.now();
        rejections.assertRejected(reenrollWithCertificateOfOurs("CN=early", now.plusSeconds(3600),
                now.plusSeconds(7200)), 403, "client certificate 'CN=early'", "is not valid before");
    }

    /** Re-enrolls with a certificate signed by our CA key for the given window, but never issued by the service. */
    private static HttpResponse<byte[]> reenrollWithCertificateOfOurs(String subject, Instant notBefore,
            Instant notAfter) {
        KeyPair keys = TestKeys.ecP256();
        X509Certificate cert = TestCertificates.signed(subject, keys, "CN=EST Demo Root CA,O=est-server demo",
                TestTls.caKey(), SerialNumbers.next(), notBefore, notAfter);
        return EstClient.withCertificate(keys, cert).reenroll(null, Csrs.csr(keys, subject));
    }

    @Test
    void rejectsChangedSubject() {
        Enrolled device = enrolled(null);
        rejections.assertRejected(device.client().reenroll(null,
                Csrs.csr(device.keys(), "CN=someone-else", device.name() + ".example")), 403,
                "re-enrollment CSR subject 'CN=someone-else' differs from the subject of the certificate being "
                        + "renewed 'CN=" + device.name() + "'");
    }

    @Test
    void rejectsChangedSubjectAltName() {
        Enrolled device = enrolled(null);
        rejections.assertRejected(device.client().reenroll(null,
                Csrs.csr(device.keys(), "CN=" + device.name(), "other.example")), 403,
                "re-enrollment CSR subjectAltName [DNS:other.example] differs from that of the certificate being "
                        + "renewed [DNS:" + device.name() + ".example]");
    }

    @Test
    void rejectsRevokedCertificate() {
        Enrolled device = enrolled(null);
        database.update("update certificate set status = 'REVOKED', revoked_at = now() where serial = ?",
                device.serial());
        rejections.assertRejected(device.client().reenroll(null,
                Csrs.csr(device.keys(), "CN=" + device.name(), device.name() + ".example")), 403,
                "client certificate serial " + device.serial() + " was revoked at",
                "a revoked certificate cannot be renewed");
    }

    @Test
    void rejectsCertificateOfAnotherLabel() {
        Enrolled device = enrolled(null);
        rejections.assertRejected(device.client().reenroll("plant-a",
                Csrs.csr(device.keys(), "CN=" + device.name(), device.name() + ".example")), 403,
                "was issued under label 'default'; renew it at /.well-known/est/simplereenroll");
    }

    @Test
    void rejectsWeakKeyOnRekey() {
        Enrolled device = enrolled(null);
        rejections.assertRejected(device.client().reenroll(null,
                Csrs.csr(TestKeys.rsa(1024), "CN=" + device.name(), device.name() + ".example")), 400,
                "found RSA 1024 bits");
    }
}
