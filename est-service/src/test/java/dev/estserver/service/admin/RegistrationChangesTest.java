package dev.estserver.service.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;

import dev.estserver.service.support.AdminClient;
import dev.estserver.service.support.Csrs;
import dev.estserver.service.support.Database;
import dev.estserver.service.support.EstClient;
import dev.estserver.service.support.Rejections;
import dev.estserver.service.support.TestCertificates;
import dev.estserver.service.support.TestKeys;

/**
 * The registrations changed since a time ({@code GET /api/v1/registrations?changedSince=}), with which the operator
 * follows all its devices in a few calls instead of one per device: whatever changed what a registration shows is
 * in it, in the order of the changes, and its pages continue exactly across changes made at the same time.
 */
@QuarkusTest
class RegistrationChangesTest {

    @Inject
    Database database;

    @Inject
    Rejections rejections;

    private final AdminClient admin = AdminClient.demo();
    /** Starts the identity of every device of this test, so that the feed can be read for them alone. */
    private final String prefix = "changes-" + UUID.randomUUID() + "-";

    /** This test's registrations in the feed from {@code since}, over all its pages, in the feed's order. */
    private List<JsonNode> changedSince(Instant since) {
        return admin.pages("registrations?changedSince=" + since + "&limit=3").stream().flatMap(List::stream)
                .filter(r -> identity(r).startsWith(prefix)).toList();
    }

    private static String identity(JsonNode registration) {
        return registration.get("identity").asText();
    }

    private String register(String name) {
        String identity = prefix + name;
        assertThat(admin.put("registrations/default/" + identity, "{}").statusCode()).isEqualTo(201);
        return identity;
    }

    private static X509Certificate enrolled(String identity, KeyPair keys) {
        return EstClient.anonymous().enrolled(null, Csrs.csr(keys, "CN=" + identity));
    }

    @Test
    void listsTheRegistrationsChangedSinceATimeWhateverChangedThem() {
        KeyPair keys = TestKeys.ecP256();
        String reenrolled = register("reenrolled");
        X509Certificate reenrolledCertificate = enrolled(reenrolled, keys);
        String revoked = register("revoked");
        String revokedSerial = TestCertificates.serial(enrolled(revoked, TestKeys.ecP256()));
        String deleted = register("deleted");
        enrolled(deleted, TestKeys.ecP256());
        String firstEnrolled = register("first-enrolled");
        String untouched = register("untouched");
        enrolled(untouched, TestKeys.ecP256());
        Instant asOf = Instant.parse(AdminClient.json(admin.get("registrations?limit=1")).get("asOf").asText());

        AdminClient.json(admin.post("certificates/" + revokedSerial + "/revoke", "{\"reason\": \"keyCompromise\"}"));
        String firstSerial = TestCertificates.serial(enrolled(firstEnrolled, TestKeys.ecP256()));
        HttpResponse<byte[]> renewed = EstClient.withCertificate(keys, reenrolledCertificate)
                .reenroll(null, Csrs.csr(keys, "CN=" + reenrolled));
        assertThat(renewed.statusCode()).as(EstClient.text(renewed)).isEqualTo(200);
        AdminClient.json(admin.delete("registrations/default/" + deleted));
        // Never registered: its first enrollment is written by the statement that batches first enrollments.
        String unregistered = prefix + "unregistered";
        enrolled(unregistered, TestKeys.ecP256());

        List<JsonNode> feed = changedSince(asOf);
        assertThat(feed).extracting(RegistrationChangesTest::identity).as("in the order of their changes, once each")
                .containsExactly(revoked, firstEnrolled, reenrolled, deleted, unregistered);
        Map<String, JsonNode> changed = feed.stream()
                .collect(Collectors.toMap(RegistrationChangesTest::identity, Function.identity()));
        assertThat(changed.get(revoked).get("currentCertificate").get("status").asText()).isEqualTo("REVOKED");
        assertThat(changed.get(firstEnrolled).get("status").asText()).isEqualTo("ACTIVE");
        assertThat(changed.get(firstEnrolled).get("currentCertificate").get("serial").asText())
                .isEqualTo(firstSerial);
        assertThat(changed.get(reenrolled).get("currentCertificate").get("replacesSerial").asText())
                .isEqualTo(TestCertificates.serial(reenrolledCertificate));
        assertThat(changed.get(deleted).get("status").asText()).isEqualTo("REVOKED");
        assertThat(changed.get(unregistered).get("status").asText()).isEqualTo("ACTIVE");
        assertThat(feed).allSatisfy(r -> assertThat(Instant.parse(r.get("updatedAt").asText()))
                .isAfterOrEqualTo(asOf));
        assertThat(asOf).isBefore(Instant.now());
    }

    @Test
    void pagesContinueExactlyAcrossRegistrationsChangedAtTheSameTime() {
        List<String> identities = List.of("a", "b", "c", "d", "e").stream().map(this::register).toList();
        // Later than anything else the suite changes, so that the feed from then holds these five alone.
        Instant sameTime = Instant.parse("2999-01-01T00:00:00.123456Z");
        database.update("update device set updated_at = ? where identity like ?",
                OffsetDateTime.ofInstant(sameTime, ZoneOffset.UTC), prefix + "%");
        try {
            List<List<JsonNode>> pages = admin.pages("registrations?changedSince=" + sameTime + "&limit=2");

            assertThat(pages).extracting(List::size).containsExactly(2, 2, 1);
            List<JsonNode> items = pages.stream().flatMap(List::stream).toList();
            assertThat(items).extracting(r -> r.get("identity").asText()).containsExactlyElementsOf(identities);
            assertThat(items).extracting(r -> r.get("deviceId").asLong()).isSorted();
            assertThat(items).extracting(r -> Instant.parse(r.get("updatedAt").asText())).containsOnly(sameTime);
        } finally {
            database.update("update device set updated_at = now() where identity like ?", prefix + "%");
        }
    }

    @Test
    void everyPageOfAReadingAnswersTheTimeOfItsFirst() {
        register("a");
        register("b");
        JsonNode first = AdminClient.json(admin.get("registrations?limit=1"));
        JsonNode second = AdminClient.json(admin.get("registrations?limit=1&cursor="
                + first.get("nextCursor").asText()));

        assertThat(second.get("asOf").asText()).isEqualTo(first.get("asOf").asText());
        assertThat(second.get("items").get(0).get("deviceId").asLong())
                .isNotEqualTo(first.get("items").get(0).get("deviceId").asLong());
    }

    @Test
    void anAuditorMayReadTheChanges() {
        assertThat(AdminClient.json(AdminClient.auditor().get("registrations?limit=1")).has("asOf")).isTrue();
    }

    @Test
    void refusesAMalformedTimeCursorOrLimitNamingIt() {
        rejections.assertRejected(admin.get("registrations?changedSince=yesterday"), 400,
                "changedSince must be an ISO-8601 instant such as 2026-01-31T00:00:00Z, got 'yesterday'");
        rejections.assertRejected(admin.get("registrations?cursor=" + PageRequest.cursor("devices", "1")), 400,
                "cursor is not one this server returned for the registrations list");
        rejections.assertRejected(admin.get("registrations?cursor=" + PageRequest.cursor("registrations", "1")),
                400, "cursor is not one this server returned for the registrations list");
        rejections.assertRejected(admin.get("registrations?limit=501"), 400, "limit must be between 1 and 500, "
                + "got 501");
    }
}
