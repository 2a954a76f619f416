package dev.estserver.service.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;

import dev.estserver.service.auth.PasswordHasher;
import dev.estserver.service.support.AdminClient;
import dev.estserver.service.support.Csrs;
import dev.estserver.service.support.Database;
import dev.estserver.service.support.EstClient;
import dev.estserver.service.support.Rejections;
import dev.estserver.service.support.TestKeys;

/**
 * Operators issue bootstrap credentials at run time: the password is shown once and stored hashed, and each
 * restriction (single use, label, device, expiry, revocation) holds at enrollment.
 */
@QuarkusTest
class BootstrapCredentialsResourceTest {

    @Inject
    Database database;

    @Inject
    Rejections rejections;

    private final AdminClient admin = AdminClient.demo();

    private static String name(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private JsonNode issue(String json) {
        HttpResponse<byte[]> response = admin.post("bootstrap-credentials", json);
        assertThat(response.statusCode()).as(EstClient.text(response)).isEqualTo(201);
        return AdminClient.json(response);
    }

    private static HttpResponse<byte[]> enroll(String label, JsonNode credential, String device) {
        return EstClient.anonymous().post((label == null ? "" : label + "/") + "simpleenroll", "application/pkcs10",
                Csrs.base64(Csrs.csr(TestKeys.ecP256(), "CN=" + device)), "Authorization",
                EstClient.basic(credential.get("username").asText(), credential.get("password").asText()));
    }

    @Test
    void issuesAPasswordShownOnceAndStoredHashed() {
        String user = name("line");
        JsonNode issued = issue("{\"username\": \"" + user + "\", \"validity\": \"PT1H\"}");
        String password = issued.get("password").asText();
        assertThat(password).hasSizeGreaterThan(30);
        assertThat(database.single("select secret_hash from credential where username = ?", user).toString())
                .startsWith("$argon2id$").doesNotContain(password);
        List<JsonNode> listed = admin.pages("bootstrap-credentials?limit=500").stream().flatMap(List::stream)
                .filter(c -> c.get("username").asText().equals(user)).toList();
        assertThat(listed).hasSize(1);
        assertThat(listed.getFirst().get("password").isNull()).isTrue();
        assertThat(database.count("select count(*) from enrollment_event where operation = "
                + "'admin.bootstrap-credentials.issue' and outcome = 'CREATED' and reason like ?",
                "bootstrap credential '" + user + "'%")).isEqualTo(1);

        assertThat(enroll(null, issued, name("dev")).statusCode()).isEqualTo(200);
        assertThat(enroll(null, issued, name("dev")).statusCode()).isEqualTo(200);
    }

    @Test
    void aSingleUseCredentialEnrollsOneCertificate() {
        JsonNode issued = issue("{\"oneTime\": true}");
        assertThat(issued.get("username").asText()).startsWith("bootstrap-");
        assertThat(enroll(null, issued, name("dev")).statusCode()).isEqualTo(200);
        rejections.assertRejected(enroll(null, issued, name("dev")), 401, "bootstrap credential '"
                + issued.get("username").asText() + "' was already used at", "it enrolls one certificate only");
    }

    @Test
    void aCredentialKeepsToItsLabelAndDevice() {
        String device = name("sensor");
        JsonNode issued = issue("{\"label\": \"plant-a\", \"deviceIdentity\": \"" + device + "\"}");
        rejections.assertRejected(enroll(null, issued, device), 401,
                "is for label 'plant-a', not for label 'default'");
        rejections.assertRejected(enroll("plant-a", issued, "other"), 401, "is bound to device '" + device
                + "', but the CSR names device 'other'");
        assertThat(enroll("plant-a", issued, device).statusCode()).isEqualTo(200);
    }

    @Test
    void aRevokedCredentialNoLongerEnrolls() {
        JsonNode issued = issue("{}");
        String user = issued.get("username").asText();
        // The enrollment leaves the credential in this replica's cache: the revocation must evict it.
        assertThat(enroll(null, issued, name("dev")).statusCode()).isEqualTo(200);
        JsonNode revoked = AdminClient.json(admin.post("bootstrap-credentials/" + user + "/revoke", null));
        assertThat(revoked.get("revokedAt").isNull()).isFalse();
        rejections.assertRejected(enroll(null, issued, name("dev")), 401, "bootstrap credential '" + user
                + "' was revoked at");
        rejections.assertRejected(admin.post("bootstrap-credentials/" + user + "/revoke", null), 409,
                "was already revoked at");
        rejections.assertRejected(admin.post("bootstrap-credentials/nobody-" + user + "/revoke", null), 404,
                "no bootstrap credential named 'nobody-" + user + "'");
    }

    @Test
    void aRevocationThroughAnotherReplicaTakesEffectWithinTheCacheTtl() throws InterruptedException {
        JsonNode issued = issue("{}");
        String user = issued.get("username").asText();
        assertThat(enroll(null, issued, name("dev")).statusCode()).isEqualTo(200);

        // What another replica's revocation looks like to this one: the row changes, nothing is evicted here.
        database.update("update credential set revoked_at = now() where username = ?", user);
        long revokedAt = System.nanoTime();
        HttpResponse<byte[]> response = enroll(null, issued, name("dev"));
        while (response.statusCode() == 200 && System.nanoTime() - revokedAt < Duration.ofSeconds(3).toNanos()) {
            Thread.sleep(100);
            response = enroll(null, issued, name("dev"));
        }

        rejections.assertRejected(response, 401, "bootstrap credential '" + user + "' was revoked at");
        // est.auth.credential-cache-ttl is 1 s; the margin is for a busy machine.
        assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThan(Duration.ofMillis(2500));
    }

    @Test
    void aSecretChangedThroughAnotherReplicaIsAcceptedAtOnce() {
        JsonNode issued = issue("{}");
        String user = issued.get("username").asText();
        assertThat(enroll(null, issued, name("dev")).statusCode()).isEqualTo(200);

        database.update("update credential set secret_hash = ? where username = ?",
                PasswordHasher.hash("rotated-secret"), user);

        HttpResponse<byte[]> response = EstClient.anonymous().post("simpleenroll", "application/pkcs10",
                Csrs.base64(Csrs.csr(TestKeys.ecP256(), "CN=" + name("dev"))), "Authorization",
                EstClient.basic(user, "rotated-secret"));
        assertThat(response.statusCode()).as(EstClient.text(response)).isEqualTo(200);
    }

    @Test
    void refusesWhatCouldNeverWorkAndTakenNames() {
        rejections.assertRejected(admin.post("bootstrap-credentials", "{\"label\": \"code-only\"}"), 400,
                "label 'code-only' does not accept basic");
        rejections.assertRejected(admin.post("bootstrap-credentials", "{\"username\": \"a:b\"}"), 400,
                "a bootstrap username cannot contain ':'");
        rejections.assertRejected(admin.post("bootstrap-credentials", "{\"username\": \"estuser\"}"), 409,
                "a bootstrap credential named 'estuser' exists");
        rejections.assertRejected(AdminClient.auditor().post("bootstrap-credentials", "{}"), 403,
                "requires role admin");
    }
}
