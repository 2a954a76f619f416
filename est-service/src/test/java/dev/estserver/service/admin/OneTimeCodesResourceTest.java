package dev.estserver.service.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;

import dev.estserver.service.support.AdminClient;
import dev.estserver.service.support.Csrs;
import dev.estserver.service.support.Database;
import dev.estserver.service.support.EstClient;
import dev.estserver.service.support.Rejections;
import dev.estserver.service.support.TestKeys;
import dev.estserver.service.support.TestPorts;

/** An operator issues a one-time enrollment code through the admin API; the device enrolls with it once. */
@QuarkusTest
class OneTimeCodesResourceTest {

    @Inject
    Database database;

    @Inject
    Rejections rejections;

    private final AdminClient admin = AdminClient.demo();

    private HttpResponse<byte[]> enrollWithCode(String name, String code) {
        return EstClient.anonymous().post("simpleenroll", "application/pkcs10",
                Csrs.base64(Csrs.withAttributes(TestKeys.ecP256(), "CN=" + name, Csrs.otpChallenge(code))));
    }

    @Test
    void issuesACodeShownOnceThatEnrollsItsDeviceOnce() {
        String name = "dev-" + UUID.randomUUID();
        HttpResponse<byte[]> response = admin.post("one-time-codes",
                "{\"label\": \"default\", \"deviceIdentity\": \"" + name + "\", \"validity\": \"PT1H\"}");
        assertThat(response.statusCode()).as(EstClient.text(response)).isEqualTo(201);
        JsonNode issued = AdminClient.json(response);
        String code = issued.get("code").asText();
        long id = issued.get("id").asLong();
        assertThat(issued.get("deviceIdentity").asText()).isEqualTo(name);
        assertThat(database.count("select count(*) from credential where id = ? and secret_hash <> ?", id, code))
                .isEqualTo(1);
        assertThat(database.count("select count(*) from enrollment_event where operation = "
                + "'admin.one-time-codes.issue' and outcome = 'CREATED' and principal = 'demo' and device_identity = ?",
                name)).isEqualTo(1);

        assertThat(enrollWithCode(name, code).statusCode()).isEqualTo(200);
        rejections.assertRejected(enrollWithCode(name, code), 401, "already used");
    }

    @Test
    void refusesALabelWithoutOneTimeCodesAndABadValidity() {
        rejections.assertRejected(admin.post("one-time-codes", "{\"label\": \"basic-only\"}"), 400,
                "label 'basic-only' does not accept one-time-code");
        rejections.assertRejected(admin.post("one-time-codes", "{\"validity\": \"a week\"}"), 400,
                "validity must be an ISO-8601 duration such as P7D or PT12H, got 'a week'");
    }

    @Test
    void needsAnAdminToken() {
        rejections.assertRejected(AdminClient.of(TestPorts.HTTPS, null).post("one-time-codes", "{}"), 401,
                "admin API requires 'Authorization: Bearer <admin token>'");
    }

    @Test
    void listsCodesWithoutTheCodeAndARevokedCodeCannotEnroll() {
        String name = "otp-revoked-" + UUID.randomUUID();
        JsonNode issued = AdminClient.json(admin.post("one-time-codes", "{\"deviceIdentity\": \"" + name + "\"}"));
        long id = issued.get("id").asLong();
        List<String> listed = admin.allPages("one-time-codes?limit=500", "id");
        assertThat(listed).contains(String.valueOf(id));
        assertThat(EstClient.text(admin.get("one-time-codes?limit=500"))).doesNotContain(issued.get("code").asText());

        JsonNode revoked = AdminClient.json(admin.post("one-time-codes/" + id + "/revoke", null));
        assertThat(revoked.get("revokedAt").isNull()).isFalse();
        rejections.assertRejected(enrollWithCode(name, issued.get("code").asText()), 401,
                "one-time code " + id + " was revoked at");
        rejections.assertRejected(admin.post("one-time-codes/" + id + "/revoke", null), 409, "already revoked");
        rejections.assertRejected(admin.post("one-time-codes/999999999/revoke", null), 404,
                "no one-time code with id 999999999");
        assertThat(database.count("select count(*) from enrollment_event where operation = "
                + "'admin.one-time-codes.revoke' and outcome = 'REVOKED' and reason = ?", "one-time code " + id))
                .isOne();
    }

    @Test
    void aUsedCodeHasNothingLeftToRevoke() {
        String name = "otp-used-" + UUID.randomUUID();
        JsonNode issued = AdminClient.json(admin.post("one-time-codes", "{\"deviceIdentity\": \"" + name + "\"}"));
        long id = issued.get("id").asLong();
        assertThat(enrollWithCode(name, issued.get("code").asText()).statusCode()).isEqualTo(200);
        rejections.assertRejected(admin.post("one-time-codes/" + id + "/revoke", null), 409,
                "one-time code " + id + " was used at", "revoke the certificate it enrolled instead");
    }
}
