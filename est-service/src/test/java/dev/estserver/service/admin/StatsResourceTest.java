package dev.estserver.service.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;

import dev.estserver.service.support.AdminClient;
import dev.estserver.service.support.Csrs;
import dev.estserver.service.support.Database;
import dev.estserver.service.support.EstClient;
import dev.estserver.service.support.TestKeys;

/** Fleet statistics count what the database holds; each test compares before and after its own changes. */
@QuarkusTest
class StatsResourceTest {

    @Inject
    Database database;

    private final AdminClient admin = AdminClient.demo();

    private JsonNode stats() {
        return AdminClient.json(admin.get("stats"));
    }

    private static long count(JsonNode counts, String key) {
        return counts.has(key) ? counts.get(key).asLong() : 0;
    }

    @Test
    void countsDevicesByStatusAndLabelAndCertificatesExpiringSoon() {
        JsonNode before = stats();
        FleetRows rows = new FleetRows(database);
        String label = FleetRows.label();
        rows.certificate(rows.device(label, "in-3-days", "ACTIVE"), label, Instant.now().plus(3, ChronoUnit.DAYS),
                "GOOD");
        rows.certificate(rows.device(label, "in-20-days", "ACTIVE"), label, Instant.now().plus(20, ChronoUnit.DAYS),
                "GOOD");
        rows.certificate(rows.device(label, "revoked-in-2-days", "ACTIVE"), label,
                Instant.now().plus(2, ChronoUnit.DAYS), "REVOKED");
        rows.certificate(rows.device(label, "ended", "ACTIVE"), label, Instant.now().minus(1, ChronoUnit.DAYS),
                "GOOD");
        rows.device(label, "suspended", "SUSPENDED");

        JsonNode after = stats();
        assertThat(count(after.get("devicesByLabel"), label)).isEqualTo(5);
        assertThat(count(after.get("devicesByStatus"), "ACTIVE") - count(before.get("devicesByStatus"), "ACTIVE"))
                .isEqualTo(4);
        assertThat(count(after.get("devicesByStatus"), "SUSPENDED")
                - count(before.get("devicesByStatus"), "SUSPENDED")).isEqualTo(1);
        assertThat(count(after.get("certificatesByStatus"), "REVOKED")
                - count(before.get("certificatesByStatus"), "REVOKED")).isEqualTo(1);
        assertThat(after.get("certificatesExpiringWithin7Days").asLong()
                - before.get("certificatesExpiringWithin7Days").asLong()).isEqualTo(1);
        assertThat(after.get("certificatesExpiringWithin30Days").asLong()
                - before.get("certificatesExpiringWithin30Days").asLong()).isEqualTo(2);
    }

    @Test
    void countsEnrollmentsInTheCurrentHourOfTheLast24() {
        JsonNode before = stats().get("enrollmentsPerHour");
        String name = "stats-" + UUID.randomUUID();
        EstClient.anonymous().enrolled(null, Csrs.csr(TestKeys.ecP256(), "CN=" + name));
        JsonNode after = stats().get("enrollmentsPerHour");

        assertThat(after).hasSize(24);
        Instant currentHour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        assertThat(Instant.parse(after.get(23).get("hour").asText())).isEqualTo(currentHour);
        assertThat(Instant.parse(after.get(0).get("hour").asText())).isEqualTo(currentHour.minus(23, ChronoUnit.HOURS));
        if (Instant.parse(before.get(23).get("hour").asText()).equals(currentHour)) {
            assertThat(after.get(23).get("count").asLong() - before.get(23).get("count").asLong()).isEqualTo(1);
        }
        assertThat(after.get(23).get("count").asLong()).isEqualTo(database.count("select count(*) from "
                + "enrollment_event where outcome = 'ISSUED' and occurred_at >= date_trunc('hour', now(), 'UTC')"));
    }
}
