package dev.estserver.service.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.estserver.service.support.AdminCa;
import dev.estserver.service.support.ConsoleClient;
import dev.estserver.service.support.TestKeys;
import dev.estserver.service.support.TestTls;

/**
 * Signing in to the console with an admin TLS client certificate, as the admin API accepts it: its OU names the role,
 * and every request of the session must present the same certificate again.
 */
@QuarkusTest
@QuarkusTestResource(AdminCa.class)
class ConsoleCertificateSignInTest {

    private static HttpClient presenting(String subject) {
        KeyPair keys = TestKeys.ecP256();
        return HttpClient.newBuilder().sslContext(TestTls.context(keys.getPrivate(),
                List.of(AdminCa.issue(subject, keys)))).build();
    }

    @Test
    void anAdminCertificateSignsInAndItsSessionNeedsThatCertificate() {
        HttpClient bob = presenting("CN=bob,OU=admin,O=Acme");
        assertThat(ConsoleClient.get(bob, null, "/console/sign-in").body())
                .as("the sign-in page offers the certificate").contains("sign-in-certificate");
        HttpResponse<String> signedIn = ConsoleClient.signInWithCertificate(bob);
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(303);
        String session = ConsoleClient.secret(signedIn);

        HttpResponse<String> overview = ConsoleClient.get(bob, session, "/console/");
        assertThat(overview.statusCode()).isEqualTo(200);
        assertThat(overview.body()).contains("O=Acme,OU=admin,CN=bob", ">admin<");

        HttpResponse<String> stolen = ConsoleClient.get(session, "/console/");
        assertThat(stolen.statusCode()).isEqualTo(401);
        assertThat(stolen.body()).contains("was opened with the client certificate", "which this connection does "
                + "not present");
        assertThat(ConsoleClient.get(presenting("CN=bob,OU=admin,O=Acme"), session, "/console/").statusCode())
                .as("another certificate of the same subject").isEqualTo(401);
    }

    @Test
    void aCertificateWithoutARoleSignsNobodyIn() {
        HttpResponse<String> refused = ConsoleClient.signInWithCertificate(presenting("CN=carol,O=Acme"));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("must name exactly one role in its subject OU (admin or auditor)");
        assertThat(refused.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("__Host-est-console="));
    }
}
