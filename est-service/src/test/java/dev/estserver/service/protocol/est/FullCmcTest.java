package dev.estserver.service.protocol.est;

import static dev.estserver.service.support.CmcRequests.control;
import static dev.estserver.service.support.CmcRequests.pkcs10;
import static dev.estserver.service.support.CmcRequests.pkiData;
import static dev.estserver.service.support.CmcRequests.senderNonce;
import static dev.estserver.service.support.CmcRequests.signed;
import static dev.estserver.service.support.CmcRequests.transactionId;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.cmc.CMCFailInfo;
import org.bouncycastle.asn1.cmc.CMCObjectIdentifiers;
import org.bouncycastle.asn1.cmc.CMCStatus;
import org.bouncycastle.asn1.cmc.CMCStatusInfoV2;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.estserver.service.support.AdminClient;
import dev.estserver.service.support.CmcRequests;
import dev.estserver.service.support.CmcResponse;
import dev.estserver.service.support.Csrs;
import dev.estserver.service.support.Database;
import dev.estserver.service.support.EstClient;
import dev.estserver.service.support.Rejections;
import dev.estserver.service.support.TestCertificates;
import dev.estserver.service.support.TestKeys;
import dev.estserver.service.support.TestTls;

/**
 * {@code /fullcmc} (RFC 7030 §4.3): a Full PKI Request with one PKCS#10 request signed with its key enrolls like
 * {@code /simpleenroll}; the answer is a Full PKI Response signed by the CA, a CMC failure with a 4xx status when
 * the request asks for more or enrollment refuses it, and text like any EST refusal when it is not a verifiable
 * Full PKI Request at all.
 */
@QuarkusTest
class FullCmcTest {

    private static final String CMC_REQUEST = "application/pkcs7-mime; smime-type=CMC-request";
    private static final String CMC_RESPONSE = "application/pkcs7-mime; smime-type=CMC-response";

    @Inject
    Database database;

    @Inject
    Rejections rejections;

    private final EstClient client = EstClient.anonymous();

    private static String device() {
        return "cmc-" + UUID.randomUUID();
    }

    private HttpResponse<byte[]> post(String path, String contentType, byte[] message) {
        return client.post(path, contentType, CmcRequests.base64(message), "Authorization", EstClient.DEMO_BASIC);
    }

    private HttpResponse<byte[]> post(byte[] message) {
        return post("fullcmc", CMC_REQUEST, message);
    }

    /** A signed CMC failure: the status, the failInfo, the body parts at fault, and the audit row of the refusal. */
    private CMCStatusInfoV2 assertCmcFailure(HttpResponse<byte[]> response, int status, long[] bodyList,
            String... reasonFragments) {
        assertThat(response.statusCode()).as("status").isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(CMC_RESPONSE);
        CmcResponse cmc = CmcResponse.fromBase64(response.body());
        assertThat(cmc.isSignedBy(TestTls.caCertificate())).isTrue();
        CMCStatusInfoV2 info = cmc.status();
        assertThat(info.getCMCStatus()).isEqualTo(CMCStatus.failed);
        assertThat(CMCFailInfo.getInstance(info.getOtherStatusInfo().toASN1Primitive()))
                .isEqualTo(CMCFailInfo.badRequest);
        assertThat(cmc.statusBodyList()).containsExactly(bodyList);
        String reason = info.getStatusStringUTF8().getString();
        assertThat(reason).contains(reasonFragments);
        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(database.count("select count(*) from enrollment_event where request_id = ? and operation = "
                + "'fullcmc' and outcome = 'REJECTED' and status_code = ? and reason = ?", requestId, status, reason))
                .as("audit row for request %s", requestId).isEqualTo(1);
        return info;
    }

    @Test
    void issuesCertificateInSignedFullPkiResponse() throws Exception {
        String name = device();
        KeyPair keys = TestKeys.ecP256();
        PKCS10CertificationRequest csr = Csrs.csr(keys, "CN=" + name, name + ".example");
        byte[] nonce = {4, 2};
        HttpResponse<byte[]> response = post(signed(pkiData(List.of(transactionId(1, 99), senderNonce(2, nonce)),
                pkcs10(3, csr)), keys));

        assertThat(response.statusCode()).as("body: %s", EstClient.text(response)).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(CMC_RESPONSE);
        assertThat(EstClient.text(response)).contains("\r\n");
        CmcResponse cmc = CmcResponse.fromBase64(response.body());
        assertThat(cmc.isSignedBy(TestTls.caCertificate())).isTrue();
        assertThat(cmc.status().getCMCStatus()).isEqualTo(CMCStatus.success);
        assertThat(cmc.statusBodyList()).containsExactly(3);
        assertThat(cmc.control(CMCObjectIdentifiers.id_cmc_transactionId)).contains(new ASN1Integer(99));
        assertThat(cmc.control(CMCObjectIdentifiers.id_cmc_recipientNonce)).contains(new DEROctetString(nonce));

        X509Certificate cert = cmc.certificates().stream()
                .filter(c -> c.getPublicKey().equals(keys.getPublic())).findFirst().orElseThrow();
        cert.verify(TestTls.caCertificate().getPublicKey());
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=" + name);
        assertThat(cert.getSubjectAlternativeNames()).containsExactly(List.of(2, name + ".example"));
        assertThat(cmc.certificates()).contains(TestTls.caCertificate());

        String serial = TestCertificates.serial(cert);
        assertThat(database.single("select status from certificate where serial = ?", serial)).isEqualTo("GOOD");
        assertThat(database.single("select current_certificate_serial from device where identity = ?", name))
                .isEqualTo(serial);
        assertThat(database.count("select count(*) from enrollment_event where device_identity = ? and operation = "
                + "'fullcmc' and outcome = 'ISSUED' and auth_method = 'BASIC' and principal = 'estuser' and serial = ?",
                name, serial)).isEqualTo(1);
    }

    @Test
    void acceptsMediaTypeWithoutParametersInAnyCaseOnALabelledPath() {
        String name = device();
        KeyPair keys = TestKeys.ecP256();
        HttpResponse<byte[]> response = post("plant-a/fullcmc", "Application/PKCS7-MIME",
                CmcRequests.fullPkiRequest(keys, Csrs.csr(keys, "CN=" + name)));
        assertThat(response.statusCode()).as("body: %s", EstClient.text(response)).isEqualTo(200);
        assertThat(database.single("select label from device where identity = ?", name)).isEqualTo("plant-a");
    }

    @Test
    void acceptsRawDerAndCmsPemBodies() {
        for (boolean pem : new boolean[] {false, true}) {
            KeyPair keys = TestKeys.ecP256();
            byte[] der = CmcRequests.fullPkiRequest(keys, Csrs.csr(keys, "CN=" + device()));
            byte[] body = pem ? ("-----BEGIN CMS-----\n" + new String(CmcRequests.base64(der), US_ASCII)
                    + "-----END CMS-----\n").getBytes(US_ASCII) : der;
            HttpResponse<byte[]> response = client.post("fullcmc", CMC_REQUEST, body, "Authorization",
                    EstClient.DEMO_BASIC);
            assertThat(response.statusCode()).as("PEM %s, body: %s", pem, EstClient.text(response)).isEqualTo(200);
        }
    }

    @Test
    void answersTwoRequestsWithCmcFailureNamingBoth() {
        KeyPair keys = TestKeys.ecP256();
        HttpResponse<byte[]> response = post(signed(pkiData(List.of(transactionId(1, 7)),
                pkcs10(2, Csrs.csr(keys, "CN=" + device())), pkcs10(3, Csrs.csr(keys, "CN=" + device()))), keys));
        assertCmcFailure(response, 400, new long[] {2, 3}, "exactly one certification request; got 2");
        assertThat(CmcResponse.fromBase64(response.body()).control(CMCObjectIdentifiers.id_cmc_transactionId))
                .contains(new ASN1Integer(7));
    }

    @Test
    void answersUnsupportedControlWithCmcFailureNamingIt() {
        KeyPair keys = TestKeys.ecP256();
        HttpResponse<byte[]> response = post(signed(pkiData(List.of(control(5, CMCObjectIdentifiers.id_cmc_regInfo,
                new DEROctetString(new byte[] {1}))), pkcs10(1, Csrs.csr(keys, "CN=" + device()))), keys));
        assertCmcFailure(response, 400, new long[] {5},
                "control " + CMCObjectIdentifiers.id_cmc_regInfo + " (body part 5) is not supported");
    }

    @Test
    void answersEnrollmentRefusalWithCmcFailureAndItsStatus() {
        String name = device();
        KeyPair first = TestKeys.ecP256();
        assertThat(post(CmcRequests.fullPkiRequest(first, Csrs.csr(first, "CN=" + name))).statusCode())
                .isEqualTo(200);
        KeyPair second = TestKeys.ecP256();
        assertCmcFailure(post(signed(pkiData(List.of(), pkcs10(8, Csrs.csr(second, "CN=" + name))), second)), 409,
                new long[] {8}, "device '" + name + "' is already enrolled");
        KeyPair weak = TestKeys.rsa(1024);
        assertCmcFailure(post(CmcRequests.fullPkiRequest(weak, Csrs.csr(weak, "CN=" + device()))), 400,
                new long[] {1}, "found RSA 1024 bits");
    }

    /** The /simpleenroll answer, not a CMC one: a CMC "pending" status would need the Query Pending control. */
    @Test
    void answersManualApprovalWith202AndIssuesOnThePollAfterApproval() {
        String name = device();
        KeyPair keys = TestKeys.ecP256();
        PKCS10CertificationRequest csr = Csrs.csr(keys, "CN=" + name);

        HttpResponse<byte[]> pending = post("manual/fullcmc", CMC_REQUEST, CmcRequests.fullPkiRequest(keys, csr));
        assertThat(pending.statusCode()).isEqualTo(202);
        assertThat(pending.body()).isEmpty();
        assertThat(pending.headers().firstValue("Retry-After")).hasValue("10");
        assertThat(pending.headers().firstValue("X-Est-Reason")).hasValueSatisfying(reason -> assertThat(reason)
                .contains("'" + name + "' stored for manual approval"));

        long id = (Long) database.single("select id from pending_request where device_identity = ?", name);
        assertThat(AdminClient.demo().post("approvals/" + id + "/approve", null).statusCode()).isEqualTo(200);
        HttpResponse<byte[]> issued = post("manual/fullcmc", CMC_REQUEST, CmcRequests.fullPkiRequest(keys, csr));
        assertThat(issued.statusCode()).as(EstClient.text(issued)).isEqualTo(200);
        assertThat(issued.headers().firstValue("Content-Type")).hasValue(CMC_RESPONSE);
        assertThat(CmcResponse.fromBase64(issued.body()).status().getCMCStatus()).isEqualTo(CMCStatus.success);
    }

    @Test
    void rejectsSignatureThatDoesNotVerifyAsText() {
        KeyPair keys = TestKeys.ecP256();
        byte[] message = signed(pkiData(List.of(), pkcs10(1, Csrs.csr(keys, "CN=" + device()))), TestKeys.ecP256(),
                CmcRequests.keyIdentifier(keys.getPublic()));
        rejections.assertRejected(post(message), 400,
                "the SignedData signature does not verify with the key of the PKCS#10 request");
    }

    @Test
    void rejectsBareCsrAsText() {
        byte[] csr = Csrs.der(Csrs.csr(TestKeys.ecP256(), "CN=" + device()));
        rejections.assertRejected(post(csr), 400, "request body is not a CMS ContentInfo");
    }

    @Test
    void rejectsInvalidBase64AsText() {
        HttpResponse<byte[]> response = client.post("fullcmc", CMC_REQUEST, "MII=A===".getBytes(),
                "Authorization", EstClient.DEMO_BASIC);
        rejections.assertRejected(response, 400, "request body is not valid base64");
    }

    @Test
    void challengesUnauthenticatedRequestWithBasic() {
        KeyPair keys = TestKeys.ecP256();
        HttpResponse<byte[]> response = client.post("fullcmc", CMC_REQUEST, CmcRequests.base64(
                CmcRequests.fullPkiRequest(keys, Csrs.csr(keys, "CN=" + device()))));
        rejections.assertRejected(response, 401, "authentication required");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"estrealm\"");
    }

    @Test
    void rejectsWrongMediaTypeNamingTheExpectedOne() {
        HttpResponse<byte[]> response = post("fullcmc", "application/pkcs10", new byte[] {1});
        rejections.assertRejected(response, 415,
                "Content-Type must be application/pkcs7-mime, got 'application/pkcs10'");
    }

    @Test
    void answersSenderNonceThatIsNotAnOctetStringWithCmcFailure() {
        KeyPair keys = TestKeys.ecP256();
        HttpResponse<byte[]> response = post(signed(pkiData(List.of(control(1, CMCObjectIdentifiers.id_cmc_senderNonce,
                new DERUTF8String("n"))), pkcs10(2, Csrs.csr(keys, "CN=" + device()))), keys));
        assertCmcFailure(response, 400, new long[] {1}, "must hold exactly one value");
    }
}
