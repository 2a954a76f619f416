package dev.estserver.service.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
import dev.estserver.service.support.Pkcs7;
import dev.estserver.service.support.Rejections;
import dev.estserver.service.support.TestCertificates;
import dev.estserver.service.support.TestKeys;

/** Devices through the admin API: paged lists with filters, details with history, and the lifecycle actions. */
@QuarkusTest
class DevicesResourceTest {

    @Inject
    Database database;

    @Inject
    Rejections rejections;

    private final AdminClient admin = AdminClient.demo();

    private FleetRows rows() {
        return new FleetRows(database);
    }

    /** Every identity of a list of devices, checking how many pages of at most {@code limit} it took. */
    private List<String> allPages(String query, int limit, int expectedPages) {
        List<List<JsonNode>> pages = admin.pages("devices?" + query + "&limit=" + limit);
        assertThat(pages).hasSize(expectedPages).allSatisfy(page -> assertThat(page).hasSizeLessThanOrEqualTo(limit));
        return pages.stream().flatMap(List::stream).map(device -> device.get("identity").asText()).toList();
    }

    @Test
    void pagesThroughMoreDevicesThanOnePageHoldsInIdOrder() {
        String label = FleetRows.label();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String identity = "page-" + i;
            rows().device(label, identity, "ACTIVE");
            created.add(identity);
        }
        assertThat(allPages("label=" + label, 3, 3)).containsExactlyElementsOf(created);
        assertThat(allPages("label=" + label, 7, 1)).containsExactlyElementsOf(created);
    }

    @Test
    void filtersByLabelStatusExpiryAndIdentityPrefix() {
        String label = FleetRows.label();
        String prefix = "filter-" + UUID.randomUUID().toString().substring(0, 8);
        long soon = rows().device(label, prefix + "-soon", "ACTIVE");
        rows().certificate(soon, label, Instant.now().plus(2, ChronoUnit.DAYS), "GOOD");
        long later = rows().device(label, prefix + "-later", "ACTIVE");
        rows().certificate(later, label, Instant.now().plus(200, ChronoUnit.DAYS), "GOOD");
        rows().device(label, prefix + "-suspended", "SUSPENDED");
        rows().device(FleetRows.label(), prefix + "-elsewhere", "ACTIVE");

        assertThat(allPages("label=" + label, 10, 1))
                .containsExactly(prefix + "-soon", prefix + "-later", prefix + "-suspended");
        assertThat(allPages("label=" + label + "&status=suspended", 10, 1)).containsExactly(prefix + "-suspended");
        assertThat(allPages("label=" + label + "&expiringBefore=" + Instant.now().plus(30, ChronoUnit.DAYS), 10, 1))
                .containsExactly(prefix + "-soon");
        assertThat(allPages("q=" + prefix, 10, 1)).containsExactly(prefix + "-soon", prefix + "-later",
                prefix + "-suspended", prefix + "-elsewhere");
        assertThat(allPages("q=" + prefix + "-s", 10, 1)).containsExactly(prefix + "-soon", prefix + "-suspended");
        assertThat(allPages("q=" + prefix.substring(1), 10, 1)).isEmpty();
    }

    @Test
    void refusesBadFiltersCursorsAndLimitsSayingWhatIsExpected() {
        rejections.assertRejected(admin.get("devices?status=lost"), 400,
                "status must be one of [pending, active, suspended, revoked], got 'lost'");
        rejections.assertRejected(admin.get("devices?expiringBefore=tomorrow"), 400,
                "expiringBefore must be an ISO-8601 instant such as 2026-01-31T00:00:00Z, got 'tomorrow'");
        rejections.assertRejected(admin.get("devices?limit=501"), 400, "limit must be between 1 and 500, got 501");
        rejections.assertRejected(admin.get("devices?limit=ten"), 400, "limit must be a whole number, got 'ten'");
        rejections.assertRejected(admin.get("devices?cursor=bm90LW91cnM"), 400,
                "cursor is not one this server returned for the devices list");
        String label = FleetRows.label();
        for (String identity : new String[] {"cursor-a", "cursor-b"}) {
            rows().certificate(rows().device(label, identity, "ACTIVE"), label, Instant.now(), "GOOD");
        }
        String certificatesCursor = AdminClient.json(admin.get("certificates?limit=1&label=" + label))
                .get("nextCursor").asText();
        rejections.assertRejected(admin.get("devices?cursor=" + certificatesCursor), 400,
                "cursor is not one this server returned for the devices list");
        rejections.assertRejected(admin.get("devices/999999999"), 404, "no device with id 999999999");
    }

    /** A device enrolled over EST: its id, key and certificate. */
    private record Enrolled(long id, String name, KeyPair keys, X509Certificate certificate) {

        HttpResponse<byte[]> reenroll() {
            return EstClient.withCertificate(keys, certificate).reenroll(null, Csrs.csr(keys, "CN=" + name));
        }

        HttpResponse<byte[]> enroll() {
            return EstClient.anonymous().enroll(null, Csrs.csr(keys, "CN=" + name));
        }
    }

    private Enrolled enrolled() {
        String name = "lifecycle-" + UUID.randomUUID();
        KeyPair keys = TestKeys.ecP256();
        X509Certificate certificate = EstClient.anonymous().enrolled(null, Csrs.csr(keys, "CN=" + name));
        long id = ((Number) database.single("select id from device where identity = ?", name)).longValue();
        return new Enrolled(id, name, keys, certificate);
    }

    @Test
    void showsADeviceWithItsCertificateHistoryNewestFirst() {
        Enrolled device = enrolled();
        X509Certificate renewed = Pkcs7.single(device.reenroll().body());

        JsonNode detail = AdminClient.json(admin.get("devices/" + device.id()));
        assertThat(detail.get("device").get("identity").asText()).isEqualTo(device.name());
        assertThat(detail.get("device").get("status").asText()).isEqualTo("ACTIVE");
        assertThat(detail.get("device").get("currentCertificateSerial").asText())
                .isEqualTo(TestCertificates.serial(renewed));
        assertThat(detail.get("certificates")).extracting(c -> c.get("serial").asText())
                .containsExactly(TestCertificates.serial(renewed), TestCertificates.serial(device.certificate()));
        assertThat(detail.get("certificates").get(0).get("replacesSerial").asText())
                .isEqualTo(TestCertificates.serial(device.certificate()));
    }

    @Test
    void aSuspendedDeviceCannotEnrollOrReenrollUntilResumed() {
        Enrolled device = enrolled();

        JsonNode suspended = AdminClient.json(admin.post("devices/" + device.id() + "/suspend", null));
        assertThat(suspended.get("device").get("status").asText()).isEqualTo("SUSPENDED");
        rejections.assertRejected(device.reenroll(), 403, "device '" + device.name() + "' is suspended");
        rejections.assertRejected(device.enroll(), 403, "device '" + device.name() + "' is suspended");
        rejections.assertRejected(admin.post("devices/" + device.id() + "/suspend", null), 409,
                "device " + device.id() + " is suspended; only a pending or active device can be suspended");

        JsonNode resumed = AdminClient.json(admin.post("devices/" + device.id() + "/resume", null));
        assertThat(resumed.get("device").get("status").asText()).isEqualTo("ACTIVE");
        assertThat(device.reenroll().statusCode()).isEqualTo(200);
        rejections.assertRejected(admin.post("devices/" + device.id() + "/resume", null), 409,
                "is active, not suspended; there is nothing to resume");

        assertThat(database.column("select operation from enrollment_event where device_identity = ? and outcome = "
                + "'UPDATED' and principal = 'demo' order by id", device.name()))
                .containsExactly("admin.devices.suspend", "admin.devices.resume");
    }

    @Test
    void aResetDeviceEnrollsAfreshAndItsOldCertificateIsRevoked() {
        Enrolled device = enrolled();
        String old = TestCertificates.serial(device.certificate());
        rejections.assertRejected(device.enroll(), 409, "is already enrolled");

        JsonNode reset = AdminClient.json(admin.post("devices/" + device.id() + "/reset", null));
        assertThat(reset.get("device").get("status").asText()).isEqualTo("PENDING");
        assertThat(reset.get("device").get("currentCertificateSerial").isNull()).isTrue();
        assertThat(database.single("select status from certificate where serial = ?", old)).isEqualTo("REVOKED");
        assertThat(database.single("select revocation_reason from certificate where serial = ?", old)).isEqualTo(4);
        assertThat(database.count("select count(*) from enrollment_event where operation = 'admin.devices.reset' "
                + "and outcome = 'REVOKED' and serial = ? and reason = 'superseded'", old)).isEqualTo(1);
        rejections.assertRejected(device.reenroll(), 403, "was revoked at");

        HttpResponse<byte[]> fresh = device.enroll();
        assertThat(fresh.statusCode()).as(EstClient.text(fresh)).isEqualTo(200);
        assertThat(database.single("select status from device where id = ?", device.id())).isEqualTo("ACTIVE");
    }

    @Test
    void deletingRevokesTheCertificatesAndKeepsTheHistory() {
        Enrolled device = enrolled();
        String serial = TestCertificates.serial(device.certificate());

        HttpResponse<byte[]> deleted = admin.delete("devices/" + device.id() + "?reason=keyCompromise");
        JsonNode detail = AdminClient.json(deleted);
        assertThat(detail.get("device").get("status").asText()).isEqualTo("REVOKED");
        assertThat(detail.get("certificates").get(0).get("status").asText()).isEqualTo("REVOKED");
        assertThat(detail.get("certificates").get(0).get("revocationReason").asText()).isEqualTo("keyCompromise");
        assertThat(database.single("select revocation_reason from certificate where serial = ?", serial)).isEqualTo(1);
        assertThat(database.count("select count(*) from enrollment_event where device_identity = ? and outcome = "
                + "'DELETED' and operation = 'admin.devices.delete'", device.name())).isEqualTo(1);
        assertThat(database.count("select count(*) from enrollment_event where device_identity = ? and outcome = "
                + "'ISSUED'", device.name())).isEqualTo(1);

        rejections.assertRejected(device.enroll(), 403, "device '" + device.name() + "' is revoked");
        rejections.assertRejected(admin.delete("devices/" + device.id()), 409, "was already deleted at");
        rejections.assertRejected(admin.delete("devices/" + device.id() + "?reason=certificateHold"), 400,
                "revocation reason 'certificateHold' is not one of");
    }
}
