package dev.estserver.service.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.junit.QuarkusTest;

import dev.estserver.service.ca.PemFiles;
import dev.estserver.service.revocation.RevocationReason;
import dev.estserver.service.revocation.Revocations;
import dev.estserver.service.support.Csrs;
import dev.estserver.service.support.EstClient;
import dev.estserver.service.support.RevocationHttp;
import dev.estserver.service.support.Shell;
import dev.estserver.service.support.TestCertificates;
import dev.estserver.service.support.TestKeys;

/**
 * A relying party with the real openssl and curl: {@code openssl ocsp} against the responder, {@code openssl crl}
 * and {@code openssl verify -crl_check} on a downloaded CRL, before and after a revocation; over HTTPS and over the
 * plain-HTTP listener.
 */
@QuarkusTest
class RevocationInteropTest {

    static Stream<String> roots() {
        return Stream.of(EstClient.ROOT, RevocationHttp.ROOT);
    }

    @Inject
    Revocations revocations;

    @TempDir
    Path dir;

    private Shell sh;
    private X509Certificate certificate;

    @BeforeEach
    void setUp() throws IOException {
        sh = Shell.withTrustAnchor(dir);
        String name = "relying-" + UUID.randomUUID();
        certificate = EstClient.anonymous().enrolled(null, Csrs.csr(TestKeys.ecP256(), "CN=" + name,
                name + ".example"));
        Files.writeString(dir.resolve("cert.pem"), PemFiles.toPem(certificate));
    }

    private void revoke() {
        revocations.revoke(TestCertificates.serial(certificate), RevocationReason.KEY_COMPROMISE, Instant.now());
    }

    /** As {@code openssl crl -text} prints serials: upper-case hex in whole octets. */
    private String printedSerial() {
        String hex = certificate.getSerialNumber().toString(16).toUpperCase(Locale.ROOT);
        return hex.length() % 2 == 0 ? hex : "0" + hex;
    }

    private String ocsp(String root) {
        // openssl sends a nonce by default and warns when the response does not echo it.
        Shell.Result result = sh.run("openssl ocsp -issuer ca.pem -cert cert.pem -url " + root + "/ocsp"
                + " -CAfile ca.pem");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("Response verify OK").doesNotContain("WARNING", "nonce");
        return result.stdout();
    }

    @ParameterizedTest
    @MethodSource("roots")
    void opensslOcspSeesTheCertificateGoodThenRevoked(String root) {
        assertThat(ocsp(root)).contains("cert.pem: good");

        revoke();

        assertThat(ocsp(root)).contains("cert.pem: revoked", "Reason: keyCompromise", "Revocation Time:");
    }

    @ParameterizedTest
    @MethodSource("roots")
    void opensslReadsAndVerifiesTheDownloadedCrlAndRefusesTheCertificateOnceRevoked(String root) {
        String crlUrl = root + "/crl/default.crl";
        sh.ok("curl -sS --fail --cacert ca.pem -o before.crl " + crlUrl);
        assertThat(sh.ok("openssl crl -inform DER -in before.crl -noout -text"))
                .contains("Certificate Revocation List (CRL):", "X509v3 CRL Number:", "Next Update:")
                .doesNotContain(printedSerial());
        assertThat(sh.run("openssl crl -inform DER -in before.crl -CAfile ca.pem -noout").output())
                .contains("verify OK");
        sh.ok("openssl crl -inform DER -in before.crl -out before.pem");
        assertThat(sh.ok("openssl verify -crl_check -CAfile ca.pem -CRLfile before.pem cert.pem"))
                .isEqualTo("cert.pem: OK\n");

        revoke();

        sh.ok("curl -sS --fail --cacert ca.pem -o after.crl " + crlUrl);
        assertThat(sh.ok("openssl crl -inform DER -in after.crl -noout -text"))
                .contains("Serial Number: " + printedSerial(), "X509v3 CRL Reason Code:", "Key Compromise");
        sh.ok("openssl crl -inform DER -in after.crl -out after.pem");
        Shell.Result refused = sh.run("openssl verify -crl_check -CAfile ca.pem -CRLfile after.pem cert.pem");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.output()).contains("certificate revoked");
    }
}
