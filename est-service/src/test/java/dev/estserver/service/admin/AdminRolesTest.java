package dev.estserver.service.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.estserver.service.support.AdminClient;
import dev.estserver.service.support.Database;
import dev.estserver.service.support.Rejections;

/** Role auditor reads everything and changes nothing; role admin does both. Wrong role: 403 naming the role needed. */
@QuarkusTest
class AdminRolesTest {

    @Inject
    Database database;

    @Inject
    Rejections rejections;

    private final AdminClient auditor = AdminClient.auditor();

    @Test
    void storesTheConfiguredAuditorTokenWithItsRole() {
        assertThat(database.single("select role from credential where kind = 'ADMIN_TOKEN' and username = ?",
                "test-auditor")).isEqualTo("AUDITOR");
        assertThat(database.single("select role from credential where kind = 'ADMIN_TOKEN' and username = 'demo'"))
                .isEqualTo("ADMIN");
    }

    @Test
    void anAuditorReadsEveryList() {
        for (String path : new String[] {"devices", "certificates", "events", "stats", "approvals"}) {
            assertThat(auditor.get(path).statusCode()).as(path).isEqualTo(200);
        }
    }

    @Test
    void anAuditorCannotChangeAnythingAndIsToldWhichRoleItNeeds() {
        FleetRows rows = new FleetRows(database);
        String label = FleetRows.label();
        long device = rows.device(label, "roles-device", "ACTIVE");
        String serial = rows.certificate(device, label, Instant.now().plusSeconds(3600), "GOOD");

        rejections.assertRejected(auditor.post("devices/" + device + "/suspend", null), 403,
                "admin token 'test-auditor' has role auditor; admin.devices.suspend requires role admin");
        rejections.assertRejected(auditor.post("devices/" + device + "/reset", null), 403,
                "admin.devices.reset requires role admin");
        rejections.assertRejected(auditor.delete("devices/" + device), 403, "admin.devices.delete requires role admin");
        rejections.assertRejected(auditor.post("certificates/" + serial + "/revoke", "{\"reason\": \"keyCompromise\"}"),
                403, "admin.certificates.revoke requires role admin");
        rejections.assertRejected(auditor.post("approvals/1/approve", null), 403, "admin.approve requires role admin");
        rejections.assertRejected(auditor.post("one-time-codes", "{}"), 403,
                "admin.one-time-codes.issue requires role admin");

        assertThat(database.single("select status from device where id = ?", device)).isEqualTo("ACTIVE");
        assertThat(database.single("select status from certificate where serial = ?", serial)).isEqualTo("GOOD");
    }

    @Test
    void anAdminMayDoWhatAnAuditorMay() {
        assertThat(AdminClient.demo().get("events").statusCode()).isEqualTo(200);
    }
}
