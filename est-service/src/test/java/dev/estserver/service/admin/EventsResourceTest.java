package dev.estserver.service.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;

import dev.estserver.service.support.AdminClient;
import dev.estserver.service.support.Database;
import dev.estserver.service.support.Rejections;

/** The audit through the admin API: newest first, a page at a time, by device, operation, outcome and time. */
@QuarkusTest
class EventsResourceTest {

    private static final Instant BASE = Instant.parse("2020-03-01T12:00:00Z");

    @Inject
    Database database;

    @Inject
    Rejections rejections;

    private final AdminClient admin = AdminClient.demo();

    private void event(String device, String operation, String outcome, Instant at, String reason) {
        database.update("""
                insert into enrollment_event (occurred_at, request_id, operation, outcome, status_code,
                    device_identity, reason)
                values (?, 'test', ?, ?, 200, ?, ?)""", OffsetDateTime.ofInstant(at, ZoneOffset.UTC), operation,
                outcome, device, reason);
    }

    /** The reasons of every event of a query, in pages of {@code limit}. */
    private List<String> reasons(String query, int limit) {
        return admin.allPages("events?" + query + "&limit=" + limit, "reason");
    }

    @Test
    void queriesByDeviceOperationOutcomeAndTimeNewestFirst() {
        String device = "events-" + UUID.randomUUID();
        event(device, "simpleenroll", "ISSUED", BASE, "first");
        event(device, "simpleenroll", "REJECTED", BASE.plus(1, ChronoUnit.HOURS), "second");
        event(device, "simplereenroll", "ISSUED", BASE.plus(2, ChronoUnit.HOURS), "third");
        event(device, "admin.devices.suspend", "UPDATED", BASE.plus(3, ChronoUnit.HOURS), "fourth");
        event("someone-else", "simpleenroll", "ISSUED", BASE, "other device");

        assertThat(reasons("device=" + device, 3)).containsExactly("fourth", "third", "second", "first");
        assertThat(reasons("device=" + device + "&operation=simpleenroll", 1)).containsExactly("second", "first");
        assertThat(reasons("device=" + device + "&outcome=issued", 10)).containsExactly("third", "first");
        assertThat(reasons("device=" + device + "&from=" + BASE.plus(1, ChronoUnit.HOURS) + "&to="
                + BASE.plus(3, ChronoUnit.HOURS), 10)).containsExactly("third", "second");
    }

    @Test
    void recordsAdminActionsWithTheirPrincipal() {
        String label = FleetRows.label();
        long device = new FleetRows(database).device(label, "audited", "ACTIVE");
        AdminClient.json(admin.post("devices/" + device + "/suspend", null));

        JsonNode events = AdminClient.json(admin.get("events?device=audited&operation=admin.devices.suspend"))
                .get("items");
        assertThat(events).anySatisfy(e -> {
            assertThat(e.get("label").asText()).isEqualTo(label);
            assertThat(e.get("outcome").asText()).isEqualTo("UPDATED");
            assertThat(e.get("principal").asText()).isEqualTo("demo");
            assertThat(e.get("authMethod").asText()).isEqualTo("ADMIN_TOKEN");
            assertThat(e.get("clientAddress").asText()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        });
    }

    @Test
    void refusesAnUnknownOutcomeAndABadInstant() {
        rejections.assertRejected(admin.get("events?outcome=won"), 400, "outcome must be one of [issued, rejected",
                "got 'won'");
        rejections.assertRejected(admin.get("events?from=yesterday"), 400,
                "from must be an ISO-8601 instant such as 2026-01-31T00:00:00Z, got 'yesterday'");
    }
}
