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
 * restriction (single use, label, device, expiry, revocation) holds at enrollment. A credential issued for an owner
 * replaces the owner's earlier ones, and an owner's credentials are revoked together.
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

    /** A request body member naming the owner of {@code uid}. */
    private static String owner(String uid) {
        return "\"owner\": {\"name\": \"DeviceEnrollment apps/a1\", \"uid\": \"" + uid + "\"}";
    }

    private JsonNode listed(JsonNode credential) {
        String user = credential.get("username").asText();
        return admin.pages("bootstrap-credentials?limit=500").stream().flatMap(List::stream)
                .filter(c -> c.get("username").asText().equals(user)).findFirst().orElseThrow();
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

    @Test
    void issuingAgainForTheSameOwnerRevokesTheEarlierCredential() {
        String uid = UUID.randomUUID().toString();
        JsonNode first = issue("{" + owner(uid) + "}");
        String firstUser = first.get("username").asText();
        assertThat(first.get("replaced")).isEmpty();
        assertThat(first.get("owner").get("name").asText()).isEqualTo("DeviceEnrollment apps/a1");
        assertThat(first.get("owner").get("uid").asText()).isEqualTo(uid);
        // The enrollment leaves the credential in this replica's cache: the replacement must evict it.
        assertThat(enroll(null, first, name("dev")).statusCode()).isEqualTo(200);

        // A retry whose first attempt succeeded, but whose answer was lost.
        JsonNode second = issue("{" + owner(uid) + "}");

        assertThat(second.get("replaced")).extracting(JsonNode::asText).containsExactly(firstUser);
        rejections.assertRejected(enroll(null, first, name("dev")), 401, "bootstrap credential '" + firstUser
                + "' was revoked at");
        assertThat(enroll(null, second, name("dev")).statusCode()).isEqualTo(200);
        assertThat(listed(first).get("revokedAt").isNull()).isFalse();
        assertThat(listed(first).get("owner").get("uid").asText()).isEqualTo(uid);
        assertThat(listed(second).get("revokedAt").isNull()).isTrue();
        assertThat(database.count("select count(*) from enrollment_event where operation = "
                + "'admin.bootstrap-credentials.issue' and outcome = 'REVOKED' and reason = ?", "bootstrap "
                + "credential '" + firstUser + "' replaced by '" + second.get("username").asText() + "', owner "
                + "DeviceEnrollment apps/a1 (uid " + uid + ")")).isEqualTo(1);
    }

    @Test
    void revokingByOwnerRevokesEveryCredentialOfThatOwnerAndNothingElse() {
        String uid = UUID.randomUUID().toString();
        JsonNode replaced = issue("{" + owner(uid) + "}");
        JsonNode current = issue("{" + owner(uid) + "}");
        JsonNode anotherOwners = issue("{" + owner(UUID.randomUUID().toString()) + "}");
        JsonNode nobodys = issue("{}");
        assertThat(enroll(null, current, name("dev")).statusCode()).isEqualTo(200);

        HttpResponse<byte[]> revoked = admin.post("bootstrap-credentials/revoke", "{\"ownerUid\": \"" + uid + "\"}");

        assertThat(AdminClient.json(revoked).get("revoked")).extracting(JsonNode::asText)
                .containsExactly(current.get("username").asText());
        rejections.assertRejected(enroll(null, current, name("dev")), 401, "was revoked at");
        assertThat(listed(replaced).get("revokedAt").isNull()).isFalse();
        assertThat(enroll(null, anotherOwners, name("dev")).statusCode()).isEqualTo(200);
        assertThat(enroll(null, nobodys, name("dev")).statusCode()).isEqualTo(200);
        assertThat(database.count("select count(*) from enrollment_event where operation = "
                + "'admin.bootstrap-credentials.revoke-by-owner' and outcome = 'REVOKED' and reason like ?",
                "bootstrap credential '" + current.get("username").asText() + "'%")).isEqualTo(1);

        HttpResponse<byte[]> again = admin.post("bootstrap-credentials/revoke", "{\"ownerUid\": \"" + uid + "\"}");
        assertThat(AdminClient.json(again).get("revoked")).as("repeating it is harmless").isEmpty();
    }

    @Test
    void refusesAnOwnerOrOwnerUidThatIsMissingOrBlank() {
        rejections.assertRejected(admin.post("bootstrap-credentials", "{\"owner\": {\"name\": \"x\"}}"), 400,
                "owner.uid is required and must not be blank when the owner is given, got none");
        rejections.assertRejected(admin.post("bootstrap-credentials/revoke", "{}"), 400,
                "ownerUid is required and must not be blank, got none");
        rejections.assertRejected(admin.post("bootstrap-credentials/revoke", "{\"ownerUid\": \" \"}"), 400,
                "ownerUid is required and must not be blank, got ' '");
        rejections.assertRejected(admin.post("bootstrap-credentials/revoke", null), 400, "ownerUid is required");
        rejections.assertRejected(AdminClient.auditor().post("bootstrap-credentials/revoke",
                "{\"ownerUid\": \"x\"}"), 403, "admin.bootstrap-credentials.revoke-by-owner requires role admin");
    }
}
