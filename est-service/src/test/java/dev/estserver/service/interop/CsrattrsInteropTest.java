package dev.estserver.service.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.estserver.service.support.ChannelBindingProfiles;
import dev.estserver.service.support.EstClient;
import dev.estserver.service.support.Shell;

/**
 * {@code /csrattrs} as the real curl and openssl see it (INTEROP.md item 16). {@code openssl base64 -d} decodes the
 * CRLF-wrapped body (GNU base64 would reject the CR); {@code openssl asn1parse} reads the DER.
 */
@QuarkusTest
@TestProfile(ChannelBindingProfiles.class)
class CsrattrsInteropTest {

    private static final String URL = EstClient.BASE;
    private static final Pattern OUTER_SEQUENCE =
            Pattern.compile("\\s*0:d=0\\s+hl=(\\d+)\\s+l=\\s*(\\d+)\\s+cons: SEQUENCE");

    @TempDir
    Path dir;

    private Shell sh;

    @BeforeEach
    void setUp() {
        sh = Shell.withTrustAnchor(dir);
    }

    /** Fetches a label's /csrattrs with curl, checks the body is one DER value, and returns asn1parse's reading. */
    private String fetchAndParse(String label) {
        assertThat(sh.ok("curl -sS --fail-with-body --cacert ca.pem " + URL + label + "/csrattrs -o attrs.b64"
                + " -w '%{http_code} %{content_type}'")).isEqualTo("200 application/csrattrs");
        assertThat(sh.run("tr -d '\\000' < attrs.b64 | cmp -s - attrs.b64").exitCode()).as("no NUL byte").isZero();
        sh.ok("openssl base64 -d -in attrs.b64 -out attrs.der");
        String parsed = sh.ok("openssl asn1parse -inform DER -in attrs.der");
        // One value at depth 0, the outer SEQUENCE, and it spans the whole file: no trailing bytes.
        assertThat(parsed.lines().filter(line -> line.contains(":d=0 ")).count()).as(parsed).isEqualTo(1);
        Matcher outer = OUTER_SEQUENCE.matcher(parsed);
        assertThat(outer.lookingAt()).as(parsed).isTrue();
        assertThat(Integer.parseInt(outer.group(1)) + Integer.parseInt(outer.group(2)))
                .isEqualTo(Integer.parseInt(sh.ok("wc -c < attrs.der").trim()));
        return parsed;
    }

    @Test
    void templateLabelParsesWithTheTemplateOidKeyNamesAndSignature() {
        assertThat(fetchAndParse("csrattrs-template")).contains(
                ":1.2.840.113549.1.9.16.2.61", ":commonName", ":id-ecPublicKey", ":prime256v1",
                ":Extension Request", ":X509v3 Subject Alternative Name", ":ecdsa-with-SHA256");
    }

    @Test
    void legacyLabelParsesWithChallengePasswordRsaSizeAndSignature() {
        assertThat(fetchAndParse("csrattrs-legacy")).contains(
                ":challengePassword", ":rsaEncryption", "INTEGER           :0C00", ":sha256WithRSAEncryption")
                .doesNotContain("1.2.840.113549.1.9.16.2.61");
    }

    @Test
    void noneLabelAnswers204WithNoBody() {
        assertThat(sh.ok("curl -sS --fail-with-body --cacert ca.pem " + URL + "csrattrs-none/csrattrs -o none.b64"
                + " -w '%{http_code} %{size_download}'")).isEqualTo("204 0");
    }
}
