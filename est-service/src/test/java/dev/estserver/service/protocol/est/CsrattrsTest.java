package dev.estserver.service.protocol.est;

import static dev.estserver.service.support.RawHttps.ascii;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.estserver.service.ca.CsrKey;
import dev.estserver.service.policy.CsrAttributes;
import dev.estserver.service.policy.Profiles;
import dev.estserver.service.support.Asn1Tree;
import dev.estserver.service.support.ChannelBindingProfiles;
import dev.estserver.service.support.CsrFromAttributes;
import dev.estserver.service.support.Csrs;
import dev.estserver.service.support.EstClient;
import dev.estserver.service.support.RawHttps;
import dev.estserver.service.support.Rejections;
import dev.estserver.service.support.TestKeys;
import dev.estserver.service.support.TestTls;

/**
 * {@code /csrattrs} (RFC 7030 §4.5, RFC 9908; INTEROP.md item 16): base64 DER of CsrAttrs with nothing after it, 204
 * when a label has nothing to say, the template first with the legacy list as fallback, and no authentication.
 */
@QuarkusTest
@TestProfile(ChannelBindingProfiles.class)
class CsrattrsTest {

    @Inject
    Rejections rejections;

    @Inject
    Profiles profiles;

    private final EstClient client = EstClient.anonymous();

    /** The DER of a label's answer, checked to be 200 base64 in CRLF lines of at most 64 characters. */
    private byte[] csrattrs(String label) {
        HttpResponse<byte[]> response = client.get(label + "/csrattrs");
        assertThat(response.statusCode()).as(EstClient.text(response)).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Transfer-Encoding")).hasValue("base64");
        String text = new String(response.body(), StandardCharsets.US_ASCII);
        assertThat(text).endsWith("\r\n").doesNotContain("\0");
        assertThat(text.split("\r\n")).allSatisfy(line -> assertThat(line).matches("[A-Za-z0-9+/=]{1,64}"));
        return Base64.getMimeDecoder().decode(response.body());
    }

    private static CsrFromAttributes.Identity identity(String name) {
        return new CsrFromAttributes.Identity(Map.of(BCStyle.CN, name),
                Map.of(GeneralName.dNSName, name + ".csrattrs.example"), "not-a-channel-binding");
    }

    @Test
    void sendsContentTypeByteForByteWithoutAuthentication() throws Exception {
        try (RawHttps raw = new RawHttps()) {
            raw.write(ascii("GET /.well-known/est/csrattrs-template/csrattrs HTTP/1.1\r\nHost: localhost\r\n\r\n"));
            RawHttps.Response response = raw.read();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.rawHeaderLines().get("content-type")).isEqualTo("Content-Type: application/csrattrs");
        }
    }

    /** What each form holds is CsrAttributesTest's subject; here, that the wire carries exactly that DER. */
    @ParameterizedTest
    @ValueSource(strings = {"csrattrs-template", "csrattrs-legacy", "iot"})
    void answersTheLabelsCsrAttrsAsItsProfileEncodesThem(String label) {
        byte[] der = csrattrs(label);
        assertThat(der).isEqualTo(CsrAttributes.encode(profiles.forLabel(label)).orElseThrow());
        // Asn1Tree accepts exactly one DER value: no trailing bytes, no NUL, no BER.
        assertThat(Asn1Tree.of(der)).startsWith("SEQUENCE\n");
    }

    @Test
    void answersNoContentWhenTheProfileSaysNoneOrHasNothingToSay() {
        for (String path : List.of("csrattrs-none/csrattrs", "csrattrs", "plant-a/csrattrs")) {
            HttpResponse<byte[]> response = client.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(204);
            assertThat(response.body()).as(path).isEmpty();
        }
    }

    @Test
    void rejectsUnknownLabel() {
        rejections.assertRejected(client.get("nope/csrattrs"), 404, "unknown EST label 'nope'");
    }

    @Test
    void enrollsTheCsrAClientBuildsFromTheTemplate() throws Exception {
        String name = "csrattrs-" + UUID.randomUUID();
        CsrFromAttributes.Request request = CsrFromAttributes.make(csrattrs("csrattrs-template"), identity(name));

        X509Certificate cert = client.enrolled("csrattrs-template", request.csr());
        cert.verify(TestTls.caCertificate().getPublicKey());
        assertThat(cert.getPublicKey()).isEqualTo(request.keys().getPublic());
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=" + name);
        assertThat(cert.getSubjectAlternativeNames()).containsExactly(List.of(2, name + ".csrattrs.example"));
        assertThat(CsrKey.of(request.csr().getSubjectPublicKeyInfo())).hasToString("EC P-256");
    }

    @Test
    void refusesACsrThatIgnoresTheAttributesNamingTheRule() {
        String name = "csrattrs-" + UUID.randomUUID();
        rejections.assertRejected(client.enroll("csrattrs-template", Csrs.csr(TestKeys.ecP256(), "CN=" + name)),
                400, "dns is required (est.profiles.csrattrs-template.san.required)");
        rejections.assertRejected(client.enroll("csrattrs-template",
                Csrs.csr(TestKeys.rsa(2048), "CN=" + name, name + ".csrattrs.example")),
                400, "CSR key not allowed by profile 'csrattrs-template'", "allowed: [EC P-256]");
    }

    @Test
    void legacyListLeadsAClientToAnRsa3072CsrWithChallengePassword() {
        PKCS10CertificationRequest csr = CsrFromAttributes.make(csrattrs("csrattrs-legacy"),
                identity("csrattrs-" + UUID.randomUUID())).csr();
        assertThat(CsrKey.of(csr.getSubjectPublicKeyInfo())).hasToString("RSA 3072 bits");
        assertThat(csr.getSignatureAlgorithm().getAlgorithm()).isEqualTo(PKCSObjectIdentifiers.sha256WithRSAEncryption);
        assertThat(csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_challengePassword)).hasSize(1);
    }
}
