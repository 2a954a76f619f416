package dev.estserver.service.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import dev.estserver.service.support.AdminClient;
import dev.estserver.service.support.Csrs;
import dev.estserver.service.support.EstClient;
import dev.estserver.service.support.Rejections;
import dev.estserver.service.support.Shell;
import dev.estserver.service.support.TestKeys;
import dev.estserver.service.support.TestTls;

/**
 * Repeated failed logins lock out the address they come from and the username they target (429 + Retry-After),
 * and nobody else. Each test connects from loopback addresses of its own (127.0.0.0/8), so that the tests do not
 * lock each other out.
 */
@QuarkusTest
@TestProfile(ThrottlingTest.LowLimits.class)
class ThrottlingTest {

    private static final int MAX_FAILURES = 3;
    private static final int LOCKOUT_SECONDS = 5;

    /** Three failures within a minute lock out for five seconds; two credentials of the test's own. */
    public static class LowLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "est.throttle.max-failures-per-address", String.valueOf(MAX_FAILURES),
                    "est.throttle.max-failures-per-username", String.valueOf(MAX_FAILURES),
                    "est.throttle.window", "1M",
                    "est.throttle.lockout", LOCKOUT_SECONDS + "S",
                    "est.auth.bootstrap-credentials.targeted", "targeted-password",
                    "est.auth.bootstrap-credentials.returning", "returning-password");
        }
    }

    @Inject
    Rejections rejections;

    private static PKCS10CertificationRequest csr() {
        return Csrs.csr(TestKeys.ecP256(), "CN=throttle-" + UUID.randomUUID());
    }

    private static HttpResponse<byte[]> enroll(String from, String username, String password) {
        return enroll(from, csr(), "Authorization", EstClient.basic(username, password));
    }

    private static HttpResponse<byte[]> enroll(String from, PKCS10CertificationRequest csr, String... headers) {
        return EstClient.anonymousFrom(from).post("simpleenroll", "application/pkcs10", Csrs.base64(csr), headers);
    }

    private void assertFailed(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).as(EstClient.text(response)).isEqualTo(401);
    }

    private void assertThrottled(HttpResponse<byte[]> response, String... reasonFragments) {
        rejections.assertRejected(response, 429, reasonFragments);
        assertThat(response.headers().firstValue("Retry-After")).hasValueSatisfying(seconds ->
                assertThat(Long.parseLong(seconds)).isBetween(1L, (long) LOCKOUT_SECONDS));
        assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    @Test
    void locksOutATargetedUsernameFromEveryAddressEvenWithTheRightPassword() {
        for (int i = 1; i <= MAX_FAILURES; i++) {
            assertFailed(enroll("127.0.0.1" + i, "targeted", "guess-" + i));
        }

        assertThrottled(enroll("127.0.0.19", "targeted", "targeted-password"),
                "too many failed authentication attempts for username 'targeted': locked out until ",
                "credentials are not checked until then");
    }

    @Test
    void locksOutAnUnknownUsernameInTheSameWords() {
        for (int i = 1; i <= MAX_FAILURES; i++) {
            assertFailed(enroll("127.0.0.2" + i, "nobody-by-this-name", "guess-" + i));
        }

        String reason = EstClient.text(enroll("127.0.0.29", "nobody-by-this-name", "guess"));
        assertThat(reason.replaceAll("until \\S+;", "until T;")).isEqualTo("too many failed authentication "
                + "attempts for username 'nobody-by-this-name': locked out until T; credentials are not checked until "
                + "then\n");
    }

    @Test
    void locksOutAnAddressForEveryUsernameWhileOthersEnrollUndisturbed() {
        for (int i = 1; i <= MAX_FAILURES; i++) {
            assertFailed(enroll("127.0.0.31", "sprayed-" + i, "guess"));
        }

        assertThrottled(enroll("127.0.0.31", "estuser", "estpwd"),
                "too many failed authentication attempts for client address 127.0.0.31: locked out until ");
        assertThat(enroll("127.0.0.32", "estuser", "estpwd").statusCode()).isEqualTo(200);
    }

    @Test
    void oneTimeCodeFailuresLockOutTheAddress() {
        for (int i = 1; i <= MAX_FAILURES; i++) {
            assertFailed(enroll("127.0.0.41", Csrs.withAttributes(TestKeys.ecP256(), "CN=throttle-code-" + i,
                    Csrs.otpChallenge("AAAA-BBBB-CCCC-" + i))));
        }

        assertThrottled(enroll("127.0.0.41", csr(), "Authorization", EstClient.DEMO_BASIC),
                "client address 127.0.0.41");
    }

    @Test
    void adminTokenFailuresLockOutTheAddressFromTheAdminApi() {
        for (int i = 1; i <= MAX_FAILURES; i++) {
            assertThat(AdminClient.from("127.0.0.51", "Bearer guess-" + i).get("approvals").statusCode())
                    .isEqualTo(401);
        }
        String demoToken = "Bearer " + AdminClient.demoToken(TestTls.DEMO_DIR);

        assertThrottled(AdminClient.from("127.0.0.51", demoToken).get("approvals"), "client address 127.0.0.51");
        assertThat(AdminClient.from("127.0.0.52", demoToken).get("approvals").statusCode()).isEqualTo(200);
    }

    /** The reference client sees the 429, the reason and when to retry (INTEROP item 21). */
    @Test
    void curlIsToldWhenToRetry(@TempDir Path dir) {
        Shell sh = Shell.withTrustAnchor(dir);
        sh.ok("openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout key.pem "
                + "-subj /CN=throttle-curl -outform DER | openssl base64 > csr.b64");
        String curl = "curl -sS --interface 127.0.0.71 --cacert ca.pem -H 'Content-Type: application/pkcs10' "
                + "--data-binary @csr.b64 " + EstClient.BASE + "simpleenroll ";
        for (int i = 1; i <= MAX_FAILURES; i++) {
            assertThat(sh.ok(curl + "-u guess-" + i + ":wrong -o /dev/null -w '%{http_code}'")).isEqualTo("401");
        }

        String response = sh.ok(curl + "-u estuser:estpwd -i");

        assertThat(response).containsPattern("\\AHTTP/\\S+ 429").containsPattern("(?im)^retry-after: [1-5]\\r?$")
                .contains("too many failed authentication attempts for client address 127.0.0.71: locked out until");
    }

    @Test
    void aLockedOutUsernameGetsInAgainWhenTheLockoutEnds() throws InterruptedException {
        for (int i = 1; i <= MAX_FAILURES; i++) {
            assertFailed(enroll("127.0.0.6" + i, "returning", "guess-" + i));
        }
        HttpResponse<byte[]> throttled = enroll("127.0.0.69", "returning", "returning-password");
        assertThrottled(throttled, "username 'returning'");

        Thread.sleep(Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow()) * 1000);

        assertThat(enroll("127.0.0.69", "returning", "returning-password").statusCode()).isEqualTo(200);
    }
}
