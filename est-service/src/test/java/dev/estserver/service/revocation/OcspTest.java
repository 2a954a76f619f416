package dev.estserver.service.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.estserver.service.ca.SerialNumbers;
import dev.estserver.service.support.Csrs;
import dev.estserver.service.support.EstClient;
import dev.estserver.service.support.Ocsp;
import dev.estserver.service.support.Rejections;
import dev.estserver.service.support.TestCertificates;
import dev.estserver.service.support.TestKeys;
import dev.estserver.service.support.TestTls;

@QuarkusTest
class OcspTest {

    @Inject
    Revocations revocations;

    @Inject
    Rejections rejections;

    private static X509Certificate enrolled() {
        String name = "ocsp-" + UUID.randomUUID();
        KeyPair keys = TestKeys.ecP256();
        return EstClient.anonymous().enrolled(null, Csrs.csr(keys, "CN=" + name, name + ".example"));
    }

    private static SingleResp only(OCSPResp response) throws Exception {
        assertThat(response.getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
        BasicOCSPResp basic = (BasicOCSPResp) response.getResponseObject();
        assertThat(basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(TestTls.caCertificate())))
                .as("signed by the issuing CA").isTrue();
        assertThat(basic.getResponses()).hasSize(1);
        return basic.getResponses()[0];
    }

    private static SingleResp ask(BigInteger serial) throws Exception {
        return only(Ocsp.ask(Ocsp.request(TestTls.caCertificate(), serial, null)));
    }

    @Test
    void reportsGoodThenRevokedAtOnceWithTimeAndReason() throws Exception {
        X509Certificate certificate = enrolled();
        SingleResp good = ask(certificate.getSerialNumber());
        assertThat(good.getCertStatus()).isEqualTo(CertificateStatus.GOOD);
        assertThat(good.getCertID().getSerialNumber()).isEqualTo(certificate.getSerialNumber());

        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        revocations.revoke(TestCertificates.serial(certificate), RevocationReason.KEY_COMPROMISE, at);

        SingleResp revoked = ask(certificate.getSerialNumber());
        assertThat(revoked.getCertStatus()).isInstanceOf(RevokedStatus.class);
        RevokedStatus status = (RevokedStatus) revoked.getCertStatus();
        assertThat(status.getRevocationTime().toInstant()).isEqualTo(at);
        assertThat(status.getRevocationReason()).isEqualTo(CRLReason.keyCompromise);
    }

    @Test
    void reportsUnknownForSerialItDidNotIssue() throws Exception {
        assertThat(ask(SerialNumbers.next()).getCertStatus()).isInstanceOf(UnknownStatus.class);
    }

    @Test
    void echoesTheNonce() throws Exception {
        byte[] nonce = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
        OCSPResp response = Ocsp.ask(Ocsp.request(TestTls.caCertificate(), enrolled().getSerialNumber(), nonce));
        only(response);
        BasicOCSPResp basic = (BasicOCSPResp) response.getResponseObject();
        assertThat(basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce).getExtnValue())
                .isEqualTo(new DEROctetString(nonce));
    }

    @Test
    void answersWithoutNonceWhenNoneWasSent() throws Exception {
        OCSPResp response = Ocsp.ask(Ocsp.request(TestTls.caCertificate(), enrolled().getSerialNumber(), null));
        assertThat(((BasicOCSPResp) response.getResponseObject()).getExtension(
                OCSPObjectIdentifiers.id_pkix_ocsp_nonce)).isNull();
    }

    /** RFC 6960 §A.1: base64 in the path, URL-encoded; a nonce is chosen so that it holds '/' and '+'. */
    @Test
    void answersGetRequestsWithTheUrlEncodedRequestInThePath() throws Exception {
        X509Certificate certificate = enrolled();
        String base64;
        do {
            byte[] nonce = new byte[16];
            ThreadLocalRandom.current().nextBytes(nonce);
            base64 = Base64.getEncoder().encodeToString(
                    Ocsp.request(TestTls.caCertificate(), certificate.getSerialNumber(), nonce).getEncoded());
        } while (!base64.contains("/") || !base64.contains("+"));
        String url = Ocsp.URL + "/" + URLEncoder.encode(base64, StandardCharsets.US_ASCII);
        SingleResp single = only(Ocsp.parse(EstClient.anonymous().getUrl(url)));
        assertThat(single.getCertStatus()).isEqualTo(CertificateStatus.GOOD);
    }

    @Test
    void answersUnauthorizedForCaItDoesNotRun() {
        X509Certificate foreignCa = TestCertificates.selfSigned("CN=Someone Else's CA", TestKeys.ecP256());
        OCSPResp response = Ocsp.ask(Ocsp.request(foreignCa, BigInteger.TEN, null));
        assertThat(response.getStatus()).isEqualTo(OCSPResp.UNAUTHORIZED);
    }

    @Test
    void answersMalformedRequestInOcsp() {
        OCSPResp response = Ocsp.parse(Ocsp.post("not an OCSP request".getBytes(StandardCharsets.US_ASCII)));
        assertThat(response.getStatus()).isEqualTo(OCSPResp.MALFORMED_REQUEST);
    }

    @Test
    void refusesWrongContentType() {
        rejections.assertRejected(EstClient.anonymous().postUrl(Ocsp.URL, "application/octet-stream", new byte[10]),
                415, "Content-Type must be application/ocsp-request, got 'application/octet-stream'");
    }
}
