package dev.estserver.service.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.estserver.service.ca.Digests;
import dev.estserver.service.support.AdminClient;
import dev.estserver.service.support.ConsoleClient;
import dev.estserver.service.support.Database;
import dev.estserver.service.support.TestTls;

/**
 * Console sessions over plain HTTPS, as a browser holds them: the cookie's attributes, a secret stored only hashed,
 * the sign-in form's own CSRF check, and every way a session ends (idle, lifetime, a revoked token).
 */
@QuarkusTest
class ConsoleSessionsTest {

        @Inject
    Database database;

    @Test
    void theSessionCookieIsHostOnlySecureHttpOnlyStrictAndExpiring() {
        HttpResponse<String> signedIn = ConsoleClient.signIn(AdminClient.demoToken(TestTls.DEMO_DIR));
        assertThat(signedIn.statusCode()).isEqualTo(303);
        assertThat(signedIn.headers().firstValue("Location").orElseThrow()).endsWith("/console/");
        String cookie = signedIn.headers().allValues("Set-Cookie").stream()
                .filter(value -> value.startsWith("__Host-est-console=")).findFirst().orElseThrow();
        assertThat(cookie).contains("; Path=/", "; Secure", "; HttpOnly", "; SameSite=Strict", "; Max-Age=28800")
                .doesNotContain("Domain");
        String secret = ConsoleClient.secret(signedIn);
        assertThat(database.count("select count(*) from console_session where secret_hash = ?",
                Digests.sha256Hex(secret.getBytes(StandardCharsets.US_ASCII)))).isOne();
        assertThat(database.tablesContaining(secret)).isEmpty();
    }

    @Test
    void everyConsoleResponseForbidsScriptsFramesAndCaching() {
        for (HttpResponse<String> response : List.of(ConsoleClient.get(null, "/console/sign-in"),
                ConsoleClient.get(null, "/console/"), ConsoleClient.get(null, "/console/console.css"))) {
            assertThat(response.headers().firstValue("Content-Security-Policy")).as(response.uri().toString())
                    .hasValue(ConsoleHeaders.CONTENT_SECURITY_POLICY);
            assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        }
        assertThat(ConsoleHeaders.CONTENT_SECURITY_POLICY).contains("default-src 'none'", "frame-ancestors 'none'")
                .doesNotContain("script-src", "unsafe");
    }

    @Test
    void aSignInPostedFromAnotherPageIsRefused() {
        HttpResponse<String> forged = ConsoleClient.post(null, "/console/sign-in", "token="
                + AdminClient.demoToken(TestTls.DEMO_DIR) + "&csrf=guessed");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("the sign-in form&#39;s CSRF token is missing or does not match");
        assertThat(forged.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("__Host-est-console="));
    }

    @Test
    void anIdleSessionEndsAfterTheIdleTimeout() {
        String secret = ConsoleClient.secret(ConsoleClient.signIn(AdminClient.demoToken(TestTls.DEMO_DIR)));
        assertThat(ConsoleClient.get(secret, "/console/").statusCode()).isEqualTo(200);
        database.update("update console_session set last_seen_at = now() - interval '31 minutes' "
                + "where secret_hash = ?", Digests.sha256Hex(secret.getBytes(StandardCharsets.US_ASCII)));

        HttpResponse<String> idle = ConsoleClient.get(secret, "/console/");
        assertThat(idle.statusCode()).isEqualTo(401);
        assertThat(idle.body()).contains("longer than 30 minutes (est.console.idle-timeout); sign in again",
                "id=\"token\"");
        assertThat(idle.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("__Host-est-console=;")
                && c.contains("Max-Age=0"));
    }

    @Test
    void aSessionEndsAtItsLifetimeHoweverBusy() {
        String secret = ConsoleClient.secret(ConsoleClient.signIn(AdminClient.demoToken(TestTls.DEMO_DIR)));
        database.update("update console_session set expires_at = now() - interval '1 second' where secret_hash = ?",
                Digests.sha256Hex(secret.getBytes(StandardCharsets.US_ASCII)));
        HttpResponse<String> ended = ConsoleClient.get(secret, "/console/devices");
        assertThat(ended.statusCode()).isEqualTo(401);
        assertThat(ended.body()).contains("480 minutes after sign-in (est.console.lifetime)");
    }

    @Test
    void revokingTheTokenEndsItsSessionsAtTheirNextRequest() {
        String name = "console-" + UUID.randomUUID();
        String token = UUID.randomUUID() + "-" + UUID.randomUUID();
        database.update("insert into credential (kind, username, secret_hash, role) values ('ADMIN_TOKEN', ?, ?, "
                + "'AUDITOR')", name, Digests.sha256Hex(token.getBytes(StandardCharsets.UTF_8)));
        String secret = ConsoleClient.secret(ConsoleClient.signIn(token));
        assertThat(ConsoleClient.get(secret, "/console/").body()).contains(name, "auditor");

        database.update("update credential set revoked_at = now() where username = ? and kind = 'ADMIN_TOKEN'", name);
        HttpResponse<String> revoked = ConsoleClient.get(secret, "/console/");
        assertThat(revoked.statusCode()).isEqualTo(401);
        assertThat(revoked.body()).contains("admin token &#39;" + name + "&#39; was revoked at");
        assertThat(database.count("select count(*) from enrollment_event where request_id = ? and status_code = 401 "
                + "and operation = 'console.overview'", revoked.headers().firstValue("X-Request-Id").orElseThrow()))
                .isOne();
    }
}
