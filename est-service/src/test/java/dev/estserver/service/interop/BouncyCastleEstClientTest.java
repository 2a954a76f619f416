package dev.estserver.service.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;
import java.util.UUID;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.est.CACertsResponse;
import org.bouncycastle.est.CSRRequestResponse;
import org.bouncycastle.est.ESTException;
import org.bouncycastle.est.ESTService;
import org.bouncycastle.est.EnrollmentResponse;
import org.bouncycastle.est.HttpAuth;
import org.bouncycastle.est.jcajce.JcaHttpAuthBuilder;
import org.bouncycastle.est.jcajce.JsseESTServiceBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.estserver.service.ca.KeyPairs;
import dev.estserver.service.support.AdminClient;
import dev.estserver.service.support.Csrs;
import dev.estserver.service.support.TestKeys;
import dev.estserver.service.support.TestPorts;
import dev.estserver.service.support.TestTls;

/**
 * BouncyCastle's EST client ({@code org.bouncycastle.est}, in bcpkix; Android apps carry copies of it) against the
 * running service, every operation it has. It speaks HTTP/1.1 on a new connection per request with
 * {@code Connection: close}, sends credentials only after a 401 challenge, and closes a 401 without reading it:
 * with a body there it failed with "Stream closed before limit fully read" (INTEROP 23).
 */
@QuarkusTest
class BouncyCastleEstClientTest {

    private static final String SERVER = "localhost:" + TestPorts.HTTPS;

    private static ESTService service(String label) {
        return new JsseESTServiceBuilder(SERVER, TestTls.trustManager()).withLabel(label).build();
    }

    private static ESTService serviceWithCertificate(PrivateKey key, X509Certificate certificate) {
        return new JsseESTServiceBuilder(SERVER, TestTls.trustManager())
                .withKeyManager(TestTls.keyManager(key, List.of(certificate))).build();
    }

    private static HttpAuth basic(String password) throws Exception {
        return new JcaHttpAuthBuilder("estuser", password.toCharArray()).build();
    }

    private static String name() {
        return "bc-" + UUID.randomUUID();
    }

    private static X509Certificate only(EnrollmentResponse response) throws Exception {
        X509CertificateHolder[] certificates = ESTService.storeToArray(response.getStore());
        assertThat(certificates).hasSize(1);
        return new JcaX509CertificateConverter().getCertificate(certificates[0]);
    }

    @Test
    void fetchesTheCaCertificates() throws Exception {
        CACertsResponse response = service(null).getCACerts();
        assertThat(response.isTrusted()).isTrue();
        X509CertificateHolder[] certificates = ESTService.storeToArray(response.getCertificateStore());
        assertThat(certificates).extracting(holder -> new JcaX509CertificateConverter().getCertificate(holder))
                .containsExactly(TestTls.caCertificate());
    }

    @Test
    void enrollsAfterTheChallengeThenReenrollsWithTheIssuedCertificate() throws Exception {
        KeyPair keys = TestKeys.ecP256();
        String name = name();
        PKCS10CertificationRequest csr = Csrs.csr(keys, "CN=" + name);

        X509Certificate issued = only(service(null).simpleEnroll(false, csr, basic("estpwd")));
        assertThat(issued.getPublicKey()).isEqualTo(keys.getPublic());
        assertThat(issued.getSubjectX500Principal().getName()).isEqualTo("CN=" + name);
        issued.verify(TestTls.caCertificate().getPublicKey());

        X509Certificate renewed = only(serviceWithCertificate(keys.getPrivate(), issued)
                .simpleEnroll(true, Csrs.csr(keys, "CN=" + name), null));
        assertThat(renewed.getSerialNumber()).isNotEqualTo(issued.getSerialNumber());
        assertThat(renewed.getSubjectX500Principal()).isEqualTo(issued.getSubjectX500Principal());
    }

    @Test
    void failsCleanlyWithAWrongPassword() {
        PKCS10CertificationRequest csr = Csrs.csr(TestKeys.ecP256(), "CN=" + name());
        assertThatExceptionOfType(ESTException.class)
                .isThrownBy(() -> service(null).simpleEnroll(false, csr, basic("wrong")))
                .satisfies(e -> assertThat(e.getStatusCode()).isEqualTo(401));
    }

    @Test
    void readsTheCsrAttributesOfALabelThatHasThem() throws Exception {
        CSRRequestResponse response = service("csrattrs-legacy").getCSRAttributes();
        assertThat(response.hasAttributesResponse()).isTrue();
        assertThat(response.getAttributesResponse().getRequirements())
                .contains(PKCSObjectIdentifiers.sha256WithRSAEncryption, PKCSObjectIdentifiers.rsaEncryption);
    }

    @Test
    void readsTheCsrAttributesTemplateOfALabel() throws Exception {
        CSRRequestResponse response = service("iot").getCSRAttributes();
        assertThat(response.hasAttributesResponse()).isTrue();
        assertThat(response.getAttributesResponse().isEmpty()).isFalse();
    }

    @Test
    void takesNoContentAsNoCsrAttributes() throws Exception {
        assertThat(service("csrattrs-none").getCSRAttributes().hasAttributesResponse()).isFalse();
    }

    @Test
    void receivesAServerGeneratedKeyWithItsCertificate() throws Exception {
        String name = name();
        PKCS10CertificationRequest csr = Csrs.csr(TestKeys.ecP256(), "CN=" + name);
        EnrollmentResponse response = service("keygen").simpleEnrollWithServersideCreation(csr, basic("estpwd"));
        X509Certificate certificate = only(response);
        PrivateKey key = KeyFactory.getInstance(certificate.getPublicKey().getAlgorithm())
                .generatePrivate(new PKCS8EncodedKeySpec(response.getPrivateKeyInfo().getEncoded()));
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=" + name);
        assertThat(KeyPairs.belongTogether(key, certificate.getPublicKey())).as("the certificate's key").isTrue();
    }

    /** RFC 7030 §4.2.3: 202 with Retry-After, then the same request again once an operator approved it. */
    @Test
    void waitsForApprovalAndRetriesTheSameRequest() throws Exception {
        String name = name();
        PKCS10CertificationRequest csr = Csrs.csr(TestKeys.ecP256(), "CN=" + name);
        ESTService manual = service("manual");

        EnrollmentResponse pending = manual.simpleEnroll(false, csr, basic("estpwd"));
        assertThat(pending.isCompleted()).isFalse();
        assertThat(pending.canRetry()).as("not before Retry-After: 10 has passed").isFalse();
        assertThat(pending.getNotBefore()).isBetween(System.currentTimeMillis() + 8_000,
                System.currentTimeMillis() + 10_000);

        AdminClient admin = AdminClient.demo();
        long id = AdminClient.requestOf(AdminClient.json(admin.get("approvals")), name);
        assertThat(admin.post("approvals/" + id + "/approve", null).statusCode()).isEqualTo(200);
        assertThat(only(manual.simpleEnroll(pending)).getSubjectX500Principal().getName()).isEqualTo("CN=" + name);
    }
}
