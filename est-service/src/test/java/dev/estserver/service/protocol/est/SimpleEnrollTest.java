package dev.estserver.service.protocol.est;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.estserver.service.auth.PasswordHasher;
import dev.estserver.service.support.Csrs;
import dev.estserver.service.support.Database;
import dev.estserver.service.support.EstClient;
import dev.estserver.service.support.Rejections;
import dev.estserver.service.support.TestCertificates;
import dev.estserver.service.support.TestKeys;
import dev.estserver.service.support.TestTls;

@QuarkusTest
class SimpleEnrollTest {

    @Inject
    Database database;

    @Inject
    Rejections rejections;

    private final EstClient client = EstClient.anonymous();

    private static String device() {
        return "dev-" + UUID.randomUUID();
    }

    /** A first enrollment of a new device, authenticated by the given Authorization header. */
    private HttpResponse<byte[]> enrollWithAuthorization(String authorization) {
        return client.post("simpleenroll", "application/pkcs10",
                Csrs.base64(Csrs.csr(TestKeys.ecP256(), "CN=" + device())), "Authorization", authorization);
    }

    /** A bootstrap credential with password "s3cret" and one more column set to an SQL expression. */
    private void storeCredential(String user, String column, String sqlValue) {
        database.update("insert into credential (kind, username, secret_hash, " + column + ") values "
                + "('BOOTSTRAP', ?, ?, " + sqlValue + ")", user, PasswordHasher.hash("s3cret"));
    }

    @Test
    void issuesCertificateWithSubjectSanProfileUsagesAndIdentifiers() throws Exception {
        String name = device();
        KeyPair keys = TestKeys.ecP256();
        HttpResponse<byte[]> response = client.enroll(null, Csrs.csr(keys, "CN=" + name + ",O=Plant A",
                name + ".plant-a.example"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValue("application/pkcs7-mime; smime-type=certs-only");
        X509Certificate cert = dev.estserver.service.support.Pkcs7.single(response.body());
        cert.verify(TestTls.caCertificate().getPublicKey());
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("O=Plant A,CN=" + name);
        assertThat(cert.getSubjectAlternativeNames()).containsExactly(List.of(2, name + ".plant-a.example"));
        assertThat(cert.getPublicKey()).isEqualTo(keys.getPublic());
        assertThat(cert.getBasicConstraints()).isEqualTo(-1);
        assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        // digitalSignature only: keyEncipherment from the profile is dropped for an EC key (RFC 5480).
        assertThat(cert.getKeyUsage()).startsWith(true, false, false);
        JcaX509CertificateHolder holder = new JcaX509CertificateHolder(cert);
        assertThat(holder.getExtension(Extension.subjectKeyIdentifier)).isNotNull();
        assertThat(holder.getExtension(Extension.authorityKeyIdentifier)).isNotNull();
        assertThat(cert.getSerialNumber().signum()).isPositive();
        assertThat(cert.getSerialNumber().bitLength()).isGreaterThanOrEqualTo(64);
        assertThat(cert.getNotAfter()).isBeforeOrEqualTo(TestTls.caCertificate().getNotAfter());

        String serial = TestCertificates.serial(cert);
        assertThat(database.single("select status from certificate where serial = ?", serial)).isEqualTo("GOOD");
        assertThat(database.single("select d.current_certificate_serial from device d where d.identity = ?", name))
                .isEqualTo(serial);
        assertThat(database.single("select status from device where identity = ?", name)).isEqualTo("ACTIVE");
        assertThat(database.count("select count(*) from enrollment_event where device_identity = ? and outcome = "
                + "'ISSUED' and auth_method = 'BASIC' and principal = 'estuser' and serial = ?", name, serial))
                .isEqualTo(1);
    }

    @Test
    void keepsKeyEnciphermentForRsaKeys() {
        X509Certificate cert = client.enrolled(null, Csrs.csr(TestKeys.rsa(2048), "CN=" + device()));
        boolean[] usage = cert.getKeyUsage();
        assertThat(usage[0]).as("digitalSignature").isTrue();
        assertThat(usage[2]).as("keyEncipherment").isTrue();
    }

    @Test
    void acceptsEd25519AndP384Keys() {
        assertThat(client.enrolled(null, Csrs.csr(TestKeys.ed25519(), "CN=" + device())).getKeyUsage()[0]).isTrue();
        assertThat(client.enrolled(null, Csrs.csr(TestKeys.ec("secp384r1"), "CN=" + device()))).isNotNull();
    }

    @Test
    void servesLabelledPathWithItsProfile() {
        String name = device();
        client.enrolled("plant-a", Csrs.csr(TestKeys.ecP256(), "CN=" + name));
        assertThat(database.single("select label from device where identity = ?", name)).isEqualTo("plant-a");
    }

    @Test
    void challengesUnauthenticatedRequestWithBasic() {
        HttpResponse<byte[]> response = client.post("simpleenroll", "application/pkcs10",
                Csrs.base64(Csrs.csr(TestKeys.ecP256(), "CN=" + device())));
        rejections.assertRejected(response, 401, "authentication required");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"estrealm\"");
    }

    @Test
    void rejectsWrongPasswordWithChallenge() {
        HttpResponse<byte[]> response = enrollWithAuthorization(EstClient.basic("estuser", "wrong"));
        rejections.assertRejected(response, 401, "bootstrap credentials for user 'estuser' not accepted");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"estrealm\"");
    }

    @Test
    void rejectsUnknownUserWithSameMessageAsWrongPassword() {
        HttpResponse<byte[]> response = enrollWithAuthorization(EstClient.basic("nobody", "estpwd"));
        rejections.assertRejected(response, 401, "unknown user or wrong password");
    }

    @Test
    void rejectsRevokedBootstrapCredential() {
        String user = "revoked-" + UUID.randomUUID();
        storeCredential(user, "revoked_at", "now()");
        HttpResponse<byte[]> response = enrollWithAuthorization(EstClient.basic(user, "s3cret"));
        rejections.assertRejected(response, 401, "bootstrap credential '" + user + "' was revoked at");
    }

    @Test
    void rejectsExpiredBootstrapCredential() {
        String user = "expired-" + UUID.randomUUID();
        storeCredential(user, "expires_at", "now() - interval '1 hour'");
        HttpResponse<byte[]> response = enrollWithAuthorization(EstClient.basic(user, "s3cret"));
        rejections.assertRejected(response, 401, "bootstrap credential '" + user + "' expired at");
    }

    @Test
    void rejectsAuthorizationThatIsNotBasic() {
        HttpResponse<byte[]> response = enrollWithAuthorization("Bearer abc");
        rejections.assertRejected(response, 401, "Authorization header is not HTTP Basic");
    }

    @Test
    void rejectsWrongMediaTypeNamingTheExpectedOne() {
        HttpResponse<byte[]> response = client.post("simpleenroll", "application/json",
                Csrs.base64(Csrs.csr(TestKeys.ecP256(), "CN=" + device())), "Authorization", EstClient.DEMO_BASIC);
        rejections.assertRejected(response, 415, "Content-Type must be application/pkcs10, got 'application/json'");
    }

    @Test
    void rejectsMissingMediaType() {
        HttpResponse<byte[]> response = client.post("simpleenroll", null,
                Csrs.base64(Csrs.csr(TestKeys.ecP256(), "CN=" + device())), "Authorization", EstClient.DEMO_BASIC);
        rejections.assertRejected(response, 415, "Content-Type must be application/pkcs10, got none");
    }

    @Test
    void rejectsBodyThatIsNotACsr() {
        HttpResponse<byte[]> response = client.post("simpleenroll", "application/pkcs10",
                "aGVsbG8gd29ybGQ=".getBytes(), "Authorization", EstClient.DEMO_BASIC);
        rejections.assertRejected(response, 400, "request body is not a PKCS#10 certification request");
    }

    @Test
    void rejectsInvalidBase64() {
        HttpResponse<byte[]> response = client.post("simpleenroll", "application/pkcs10", "MII=A===".getBytes(),
                "Authorization", EstClient.DEMO_BASIC);
        rejections.assertRejected(response, 400, "request body is not valid base64");
    }

    @Test
    void rejectsStructurallyBrokenAsn1With400NotA500() {
        HttpResponse<byte[]> response = client.post("simpleenroll", "application/pkcs10", "MAA=".getBytes(),
                "Authorization", EstClient.DEMO_BASIC);
        rejections.assertRejected(response, 400, "request body is not a PKCS#10 certification request");
    }

    @Test
    void rejectsEmptyBody() {
        HttpResponse<byte[]> response = client.post("simpleenroll", "application/pkcs10", new byte[0],
                "Authorization", EstClient.DEMO_BASIC);
        rejections.assertRejected(response, 400, "request body is empty");
    }

    @Test
    void rejectsCsrWhoseSignatureDoesNotVerify() {
        HttpResponse<byte[]> response = client.post("simpleenroll", "application/pkcs10",
                Csrs.withBrokenSignature(Csrs.csr(TestKeys.ecP256(), "CN=" + device())),
                "Authorization", EstClient.DEMO_BASIC);
        rejections.assertRejected(response, 400, "proof of possession");
    }

    @Test
    void rejectsCsrWithWeakRsaKeyNamingKeyAndAllowedKinds() {
        HttpResponse<byte[]> response = client.enroll(null, Csrs.csr(TestKeys.rsa(1024), "CN=" + device()));
        rejections.assertRejected(response, 400, "found RSA 1024 bits", "allowed: [RSA >= 2048 bits, EC P-256, "
                + "EC P-384, Ed25519]");
    }

    @Test
    void rejectsCsrWithUnsupportedCurve() {
        HttpResponse<byte[]> response = client.enroll(null, Csrs.csr(TestKeys.ec("secp256k1"), "CN=" + device()));
        rejections.assertRejected(response, 400, "found EC secp256k1");
    }

    @Test
    void rejectsCsrWithoutAnyIdentity() {
        HttpResponse<byte[]> response = client.enroll(null, Csrs.csr(TestKeys.ecP256(), ""));
        rejections.assertRejected(response, 400, "neither a subject nor a subject alternative name");
    }

    @Test
    void identifiesDeviceBySanWhenSubjectIsEmpty() throws Exception {
        String name = device() + ".example";
        X509Certificate cert = client.enrolled(null, Csrs.csr(TestKeys.ecP256(), "", name));
        assertThat(database.count("select count(*) from device where identity = ?", "DNS:" + name)).isEqualTo(1);
        assertThat(cert.getCriticalExtensionOIDs()).contains(Extension.subjectAlternativeName.getId());
    }

    @Test
    void rejectsBodyLargerThan64KiB() {
        byte[] body = new byte[64 * 1024 + 1];
        java.util.Arrays.fill(body, (byte) 'A');
        HttpResponse<byte[]> response = client.post("simpleenroll", "application/pkcs10", body,
                "Authorization", EstClient.DEMO_BASIC);
        rejections.assertRejected(response, 413, "at most 65536 bytes are accepted, 65537 bytes declared");
    }

    @Test
    void rejectsSecondEnrollmentOfSameDeviceWithConflict() {
        String name = device();
        client.enrolled(null, Csrs.csr(TestKeys.ecP256(), "CN=" + name));
        HttpResponse<byte[]> second = client.enroll(null, Csrs.csr(TestKeys.ecP256(), "CN=" + name));
        rejections.assertRejected(second, 409, "device '" + name + "' is already enrolled",
                "renew with /.well-known/est/simplereenroll");
        assertThat(database.count("select count(*) from certificate c join device d on d.id = c.device_id"
                + " where d.identity = ?", name)).isEqualTo(1);
    }

    @Test
    void sameIdentityUnderAnotherLabelIsAnotherDevice() {
        String name = device();
        client.enrolled(null, Csrs.csr(TestKeys.ecP256(), "CN=" + name));
        client.enrolled("plant-a", Csrs.csr(TestKeys.ecP256(), "CN=" + name));
        assertThat(database.count("select count(*) from device where identity = ?", name)).isEqualTo(2);
    }

    @Test
    void rejectsSuspendedDevice() {
        String name = device();
        client.enrolled(null, Csrs.csr(TestKeys.ecP256(), "CN=" + name));
        database.update("update device set status = 'SUSPENDED' where identity = ?", name);
        rejections.assertRejected(client.enroll(null, Csrs.csr(TestKeys.ecP256(), "CN=" + name)), 403,
                "device '" + name + "' is suspended");
    }

    /** BouncyCastle reads attribute values only when asked: the answer must still be a 400, not a 500. */
    @Test
    void rejectsAnExtensionRequestThatHoldsNoExtensions() {
        PKCS10CertificationRequest csr = Csrs.withAttributes(TestKeys.ecP256(), "CN=" + device(),
                Csrs.attribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, new ASN1Integer(7)));
        rejections.assertRejected(client.enroll(null, csr), 400,
                "CSR extensionRequest attribute is not a sequence of extensions");
    }

    @Test
    void rejectsUnknownLabel() {
        PKCS10CertificationRequest csr = Csrs.csr(TestKeys.ecP256(), "CN=" + device());
        // The list grows with every test label; only the labels of this test's profile are pinned.
        rejections.assertRejected(client.enroll("no-such-label", csr), 404,
                "unknown EST label 'no-such-label'; this server serves [", "default, ", "plant-a");
    }
}
