package dev.estserver.service.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

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
 * The production setup the README describes: est.revocation.base-url names the plain-HTTP listener, and a relying
 * party with the real openssl and curl follows the URLs in an issued certificate, with nothing but the CA to trust.
 */
@QuarkusTest
@TestProfile(PlainHttpRevocationPointersTest.PlainHttpBaseUrl.class)
class PlainHttpRevocationPointersTest {

    public static class PlainHttpBaseUrl implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("est.revocation.base-url", RevocationHttp.ROOT);
        }
    }

    @Inject
    Revocations revocations;

    @TempDir
    Path dir;

    @Test
    void opensslFollowsTheHttpUrlsInAnIssuedCertificate() throws Exception {
        Shell sh = Shell.withTrustAnchor(dir);
        String name = "pointers-" + UUID.randomUUID();
        X509Certificate certificate = EstClient.anonymous().enrolled(null, Csrs.csr(TestKeys.ecP256(), "CN=" + name,
                name + ".example"));
        Files.writeString(dir.resolve("cert.pem"), PemFiles.toPem(certificate));

        String ocspUrl = sh.ok("openssl x509 -in cert.pem -noout -ocsp_uri").strip();
        assertThat(ocspUrl).isEqualTo(RevocationHttp.ROOT + "/ocsp");
        assertThat(sh.ok("openssl x509 -in cert.pem -noout -ext crlDistributionPoints"))
                .contains("URI:" + RevocationHttp.ROOT + "/crl/default.crl");
        sh.ok("curl -sS --fail -o cdp.crl " + RevocationHttp.ROOT + "/crl/default.crl");
        assertThat(sh.run("openssl crl -inform DER -in cdp.crl -CAfile ca.pem -noout").output()).contains("verify OK");

        revocations.revoke(TestCertificates.serial(certificate), RevocationReason.SUPERSEDED, Instant.now());

        Shell.Result ocsp = sh.run("openssl ocsp -issuer ca.pem -cert cert.pem -CAfile ca.pem -url " + ocspUrl);
        assertThat(ocsp.exitCode()).as(ocsp.output()).isZero();
        assertThat(ocsp.output()).contains("Response verify OK", "cert.pem: revoked", "Reason: superseded");
    }
}
