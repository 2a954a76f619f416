package dev.estserver.service.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import jakarta.inject.Inject;

import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.junit.QuarkusTest;

import dev.estserver.service.support.AdminClient;
import dev.estserver.service.support.Csrs;
import dev.estserver.service.support.EstClient;
import dev.estserver.service.support.LogCapture;
import dev.estserver.service.support.Ocsp;
import dev.estserver.service.support.RevocationHttp;
import dev.estserver.service.support.Shell;
import dev.estserver.service.support.TestCertificates;
import dev.estserver.service.support.TestKeys;
import dev.estserver.service.support.TestPorts;
import dev.estserver.service.support.TestTls;

/** CRL and OCSP over plain HTTP on a listener of their own (est.revocation.http.*), which serves nothing else. */
@QuarkusTest
class PlainHttpRevocationTest {

    private static final String HSTS = "Strict-Transport-Security";

    @Inject
    Revocations revocations;

    @TempDir
    Path dir;

    private static X509Certificate enrolled() {
        String name = "plain-http-" + UUID.randomUUID();
        return EstClient.anonymous().enrolled(null, Csrs.csr(TestKeys.ecP256(), "CN=" + name, name + ".example"));
    }

    private static void assertRefused(HttpResponse<byte[]> response, String seen) {
        assertThat(response.statusCode()).as(EstClient.text(response)).isEqualTo(404);
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
        assertThat(response.headers().firstValue(HSTS)).isEmpty();
        assertThat(EstClient.text(response)).isEqualTo("This port serves only CRLs (GET /crl/<ca>.crl) and OCSP "
                + "(GET and POST /ocsp) over plain HTTP, got " + seen + "; EST and the admin API are served over "
                + "HTTPS on port " + TestPorts.HTTPS + "\n");
    }

    @Test
    void servesTheSignedCrlWithoutHsts() throws Exception {
        HttpResponse<byte[]> response = RevocationHttp.get("/crl/default.crl");

        assertThat(response.statusCode()).as(EstClient.text(response)).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(CrlResource.PKIX_CRL);
        assertThat(response.headers().firstValue(HSTS)).isEmpty();
        X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509")
                .generateCRL(new ByteArrayInputStream(response.body()));
        crl.verify(TestTls.caCertificate().getPublicKey());
    }

    @Test
    void answersOcspByPostAndByGet() throws Exception {
        X509Certificate certificate = enrolled();
        revocations.revoke(TestCertificates.serial(certificate), RevocationReason.KEY_COMPROMISE, Instant.now());
        byte[] request = Ocsp.request(TestTls.caCertificate(), certificate.getSerialNumber(), null).getEncoded();

        OCSPResp posted = Ocsp.parse(RevocationHttp.post("/ocsp", OcspResource.OCSP_REQUEST, request));
        OCSPResp got = Ocsp.parse(RevocationHttp.get("/ocsp/"
                + URLEncoder.encode(Base64.getEncoder().encodeToString(request), StandardCharsets.US_ASCII)));

        for (OCSPResp response : new OCSPResp[] {posted, got}) {
            assertThat(((BasicOCSPResp) response.getResponseObject()).getResponses()[0].getCertStatus())
                    .isInstanceOf(RevokedStatus.class);
        }
    }

    @Test
    void refusesEstTheAdminApiAndEverythingElseWith404AndAReason() throws Exception {
        try (LogCapture log = LogCapture.start()) {
            HttpResponse<byte[]> response = RevocationHttp.get("/.well-known/est/cacerts");
            assertRefused(response, "GET /.well-known/est/cacerts");
            assertThat(log.records()).as("logged once, with the request id").filteredOn(line -> line.startsWith(
                    "[" + response.headers().firstValue("X-Request-Id").orElseThrow() + "] plain HTTP GET "
                            + "/.well-known/est/cacerts from ")).hasSize(1);
        }
        assertRefused(RevocationHttp.post("/.well-known/est/simpleenroll", "application/pkcs10",
                Base64.getEncoder().encode(Csrs.csr(TestKeys.ecP256(), "CN=plain-http").getEncoded())),
                "POST /.well-known/est/simpleenroll");
        assertRefused(RevocationHttp.get("/api/v1/devices", "Authorization", "Bearer "
                + AdminClient.demoToken(TestTls.DEMO_DIR)), "GET /api/v1/devices");
        assertRefused(RevocationHttp.get("/"), "GET /");
        assertRefused(RevocationHttp.get("/q/health"), "GET /q/health");
        assertRefused(RevocationHttp.get("/ocspx"), "GET /ocspx");
    }

    /** The rule holds for the path the routes match, after dot segments are removed. */
    @Test
    void aDotSegmentCannotLeaveTheRevocationPaths() {
        Shell sh = new Shell(dir);
        String curl = "curl -sS --path-as-is -w ' %{http_code}' " + RevocationHttp.ROOT;

        assertThat(sh.ok(curl + "/crl/../api/v1/devices")).startsWith("This port serves only CRLs")
                .contains("got GET /api/v1/devices;").endsWith(" 404");
        assertThat(sh.ok(curl + "/ocsp/../.well-known/est/cacerts"))
                .contains("got GET /.well-known/est/cacerts;").endsWith(" 404");
    }

    @Test
    void theHttpsPortStillRefusesPlainHttp() {
        Shell.Result result = new Shell(dir).run("curl -sS -w '%{http_code}' http://localhost:" + TestPorts.HTTPS
                + "/crl/default.crl");

        assertThat(result.exitCode()).as(result.output()).isNotZero();
        assertThat(result.stdout()).isEqualTo("000");
    }
}
