package dev.estserver.service.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.estserver.service.support.AdminClient;
import dev.estserver.service.support.Csrs;
import dev.estserver.service.support.EstClient;
import dev.estserver.service.support.Rejections;
import dev.estserver.service.support.TestKeys;
import dev.estserver.service.support.TestTls;

/**
 * The admin API's authentication stays on the admin API: EST takes an admin token for what it is there, a credential
 * that is not HTTP Basic, and challenges with Basic, never with the admin API's Bearer.
 */
@QuarkusTest
class AdminAuthenticationScopeTest {

    @Inject
    Rejections rejections;

    @Test
    void estRefusesAnAdminTokenWithItsOwnBasicChallenge() {
        HttpResponse<byte[]> response = EstClient.anonymous().post("simpleenroll", "application/pkcs10",
                Csrs.base64(Csrs.csr(TestKeys.ecP256(), "CN=scope-" + UUID.randomUUID())), "Authorization",
                "Bearer " + AdminClient.demoToken(TestTls.DEMO_DIR));

        rejections.assertRejected(response, 401, "Authorization header is not HTTP Basic");
        assertThat(response.headers().allValues("WWW-Authenticate")).singleElement().asString().startsWith("Basic ");
    }

    @Test
    void estCaCertificatesNeedNoAdminCredentials() {
        assertThat(EstClient.anonymous().get("cacerts").statusCode()).isEqualTo(200);
    }
}
