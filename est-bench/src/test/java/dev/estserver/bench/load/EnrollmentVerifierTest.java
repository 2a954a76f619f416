package dev.estserver.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EnrollmentVerifierTest {

    private static TestPki pki;
    private static Csr csr;

    @BeforeAll
    static void requestOneCertificate() throws Exception {
        pki = new TestPki();
        csr = CsrPool.generate(1, "device").next();
    }

    private static HttpResponse response(int status, String contentType, byte[] body) {
        return new HttpResponse(status, Map.of("content-type", contentType), body, false);
    }

    private static HttpResponse pkcs7(byte[] body) {
        return response(200, "application/pkcs7-mime; smime-type=certs-only", body);
    }

    private static void assertFailure(ThrowingCallable verification, String kind, String message) {
        assertThatThrownBy(verification).isInstanceOfSatisfying(EnrollmentFailure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(kind);
            assertThat(failure.getMessage()).isEqualTo(kind + ": " + message);
        });
    }

    @Test
    void acceptsTheIssuedCertificateAmongTheChainInLineWrappedBase64() throws Exception {
        byte[] body = TestPki.certsOnly(pki.caCertificate, pki.issue(csr.subject(), csr.publicKey()));

        assertThat(new String(body, StandardCharsets.US_ASCII)).contains("\r\n");
        assertThatCode(() -> EnrollmentVerifier.verify(pkcs7(body), csr)).doesNotThrowAnyException();
        assertThatCode(() -> EnrollmentVerifier.verify(response(200, "Application/PKCS7-MIME", body), csr))
                .doesNotThrowAnyException();
    }

    @Test
    void reportsEveryOtherStatusWithTheServersReason() {
        assertFailure(() -> EnrollmentVerifier.verify(
                        response(500, "text/plain; charset=utf-8", "database\r\nunavailable".getBytes()), csr),
                "http-500", "expected status 200, got 500: database unavailable");
        assertFailure(() -> EnrollmentVerifier.verify(
                        response(401, "text/plain", "x".repeat(300).getBytes()), csr),
                "http-401", "expected status 200, got 401: " + "x".repeat(200) + "...");
        assertFailure(() -> EnrollmentVerifier.verify(response(202, "application/octet-stream", new byte[0]), csr),
                "http-202", "expected status 200, got 202");
    }

    @Test
    void rejectsAnotherContentType() {
        assertFailure(() -> EnrollmentVerifier.verify(response(200, "application/pkcs7", new byte[0]), csr),
                "content-type", "expected application/pkcs7-mime, got 'application/pkcs7'");
        assertFailure(() -> EnrollmentVerifier.verify(
                        new HttpResponse(200, Map.of(), new byte[0], false), csr),
                "content-type", "expected application/pkcs7-mime, got ''");
    }

    @Test
    void rejectsABodyThatIsNotBase64() {
        assertFailure(() -> EnrollmentVerifier.verify(pkcs7("<html>".getBytes()), csr),
                "not-base64", "the body is not base64: Illegal base64 character 3c");
    }

    @Test
    void rejectsBase64ThatIsNotASignedData() {
        byte[] csrInsteadOfPkcs7 = csr.base64().getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> EnrollmentVerifier.verify(pkcs7(csrInsteadOfPkcs7), csr))
                .isInstanceOfSatisfying(EnrollmentFailure.class,
                        failure -> assertThat(failure.kind()).isEqualTo("not-pkcs7"));
        assertThatThrownBy(() -> EnrollmentVerifier.verify(pkcs7(new byte[0]), csr))
                .isInstanceOfSatisfying(EnrollmentFailure.class,
                        failure -> assertThat(failure.kind()).isEqualTo("not-pkcs7"));
    }

    @Test
    void rejectsASignedDataWithoutCertificate() throws Exception {
        assertFailure(() -> EnrollmentVerifier.verify(pkcs7(TestPki.certsOnly()), csr),
                "no-certificate", "the PKCS#7 response holds no certificate");
    }

    @Test
    void rejectsACertificateForAnotherKey() throws Exception {
        SubjectPublicKeyInfo otherKey = SubjectPublicKeyInfo.getInstance(TestPki.newKey().getPublic().getEncoded());
        byte[] body = TestPki.certsOnly(pki.issue(csr.subject(), otherKey), pki.caCertificate);

        assertFailure(() -> EnrollmentVerifier.verify(pkcs7(body), csr), "wrong-public-key",
                "expected a certificate for the key of 'CN=device-1', got certificate(s) for other keys, "
                        + "subject(s) ['CN=device-1', 'CN=Test EST CA']");
    }

    @Test
    void rejectsACertificateForTheKeyButAnotherSubject() throws Exception {
        byte[] body = TestPki.certsOnly(pki.issue(new X500Name("CN=device-2"), csr.publicKey()));

        assertFailure(() -> EnrollmentVerifier.verify(pkcs7(body), csr), "wrong-subject",
                "expected a certificate for 'CN=device-1', got subject(s) ['CN=device-2']");
    }
}
