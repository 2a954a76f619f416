package dev.estserver.service.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.estserver.service.support.AdminClient;
import dev.estserver.service.support.ConsoleClient;
import dev.estserver.service.support.TestTls;

/** The console's own refusals, each a page with its status and the reason in words. */
@QuarkusTest
class ConsoleRefusalsTest {

    private static void assertRefused(HttpResponse<String> response, int status, String reason) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(response.body()).contains("id=\"problem\">" + reason);
    }

    @Test
    void aSignInWithoutATokenIsRefused() {
        assertRefused(ConsoleClient.signIn(""), 401, "no admin token was entered");
    }

    @Test
    void aCertificateSignInWithoutACertificateIsRefused() {
        assertRefused(ConsoleClient.submitSignIn("/console/sign-in/certificate", ""), 401,
                "this connection presents no TLS client certificate; sign in with an admin token");
    }

    @Test
    void aSessionCookieThisServerNeverIssuedIsRefused() {
        assertRefused(ConsoleClient.get("made-up-session", "/console/"), 401,
                "this console session is not known here; sign in again");
    }

    @Test
    void anExpiryFilterOtherThanTheOfferedOnesIsRefused() {
        String session = ConsoleClient.secret(ConsoleClient.signIn(AdminClient.demoToken(TestTls.DEMO_DIR)));
        assertRefused(ConsoleClient.get(session, "/console/devices?expiring=3"), 400,
                "expiring must be one of [7, 30] (days), got &#39;3&#39;");
    }

    @Test
    void anUnknownDeviceIsNotFound() {
        String session = ConsoleClient.secret(ConsoleClient.signIn(AdminClient.demoToken(TestTls.DEMO_DIR)));
        assertRefused(ConsoleClient.get(session, "/console/devices/999999999"), 404, "no device with id 999999999");
    }
}
