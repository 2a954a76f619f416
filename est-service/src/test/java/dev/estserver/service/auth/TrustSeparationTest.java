package dev.estserver.service.auth;

import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.estserver.service.ca.PemFiles;
import dev.estserver.service.support.Csrs;
import dev.estserver.service.support.EstClient;
import dev.estserver.service.support.Rejections;
import dev.estserver.service.support.TestKeys;

/**
 * INTEROP 18 and 20: the issuing CA, the enrollment (IDevID) trust and proxy headers are not interchangeable
 * ways in.
 */
@QuarkusTest
class TrustSeparationTest {

    @Inject
    Rejections rejections;

    @Test
    void ourOwnCertificateDoesNotAuthenticateFirstEnrollment() {
        String name = "sep-" + UUID.randomUUID();
        KeyPair keys = TestKeys.ecP256();
        X509Certificate issued = EstClient.anonymous().enrolled(null, Csrs.csr(keys, "CN=" + name));
        HttpResponse<byte[]> response = EstClient.withCertificate(keys, issued).post("simpleenroll",
                "application/pkcs10", Csrs.base64(Csrs.csr(TestKeys.ecP256(), "CN=" + name + "-other")));
        rejections.assertRejected(response, 401, "not accepted for enrollment");
    }

    @Test
    void ignoresClientCertificateHeadersFromUnauthenticatedProxies() {
        String name = "proxy-" + UUID.randomUUID();
        KeyPair keys = TestKeys.ecP256();
        X509Certificate issued = EstClient.anonymous().enrolled(null, Csrs.csr(keys, "CN=" + name));
        String pem = PemFiles.toPem(issued).replace("\n", "");
        HttpResponse<byte[]> response = EstClient.anonymous().post("simplereenroll", "application/pkcs10",
                Csrs.base64(Csrs.csr(keys, "CN=" + name)), "X-SSL-Client-Cert", pem, "X-Forwarded-Client-Cert",
                "Cert=\"" + pem + "\"", "X-Client-Cert", pem);
        rejections.assertRejected(response, 403, "no client certificate was presented");
    }
}
