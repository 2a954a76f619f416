package dev.estserver.service.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;

import dev.estserver.service.support.AdminClient;
import dev.estserver.service.support.Database;
import dev.estserver.service.support.LargeFleet;

/**
 * With 100,000 devices and certificates, any page of the lists costs about as much as the first: keyset pagination
 * reads the index from the cursor on, never the rows before it, also where all of them changed at the same time. The
 * times are logged for the record; the bound is loose because the test machine is shared.
 */
@QuarkusTest
class LargeFleetTest {

    private static final Logger LOG = Logger.getLogger(LargeFleetTest.class);
    private static final int ROWS = LargeFleet.ROWS;
    private static final Duration BOUND = Duration.ofSeconds(1);

    @Inject
    Database database;

    private final AdminClient admin = AdminClient.demo();

    /** The page, timed after one warm-up call so that the time is the query's and not the first connection's. */
    private JsonNode timedPage(String description, String path) {
        AdminClient.json(admin.get(path));
        long start = System.nanoTime();
        JsonNode page = AdminClient.json(admin.get(path));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        LOG.infof("%,d rows: %s took %d ms", ROWS, description, took.toMillis());
        assertThat(took).as(description).isLessThan(BOUND);
        return page;
    }

    private String plan(String explain, Object... args) {
        return database.column(explain, args).stream().map(String::valueOf).collect(Collectors.joining("\n"));
    }

    @Test
    void listsAnyPageOfAHundredThousandQuickly() {
        try (LargeFleet fleet = LargeFleet.seed(database)) {
            String label = fleet.label();
            long middleId = database.count("select id from device where label = ? order by id offset ? limit 1",
                    label, ROWS / 2);
            String middleSerial = (String) database.single("select serial from certificate where label = ? "
                    + "order by serial offset ? limit 1", label, ROWS / 2);

            assertThat(timedPage("first device page", "devices?limit=500&label=" + label).get("items")).hasSize(500);
            assertThat(timedPage("middle device page", "devices?limit=500&label=" + label + "&cursor="
                    + PageRequest.cursor("devices", String.valueOf(middleId))).get("items")).hasSize(500);
            assertThat(timedPage("devices expiring within 3 days", "devices?label=" + label + "&expiringBefore="
                    + Instant.now().plus(3, ChronoUnit.DAYS)).get("items")).hasSize(50);
            assertThat(timedPage("identity prefix search", "devices?q=large-0999").get("items")).hasSize(50);
            assertThat(timedPage("first certificate page", "certificates?limit=500&label=" + label).get("items"))
                    .hasSize(500);
            assertThat(timedPage("middle certificate page", "certificates?limit=500&label=" + label + "&cursor="
                    + PageRequest.cursor("certificates", middleSerial)).get("items")).hasSize(500);
            // Every fleet row was written by one statement, so all of them changed at the same time.
            Instant fleetChangedAt = ((Timestamp) database.single("select updated_at from device where id = ?",
                    middleId)).toInstant();
            assertThat(timedPage("middle page of the changes", "registrations?limit=500&cursor="
                    + PageRequest.cursor("registrations", new ChangesPosition(Instant.now(), fleetChangedAt,
                            middleId).key())).get("items")).hasSize(500);
            timedPage("statistics", "stats");
            // The keyset queries behind those pages, as the database plans them: index scans from the cursor on.
            assertThat(plan("explain select * from device where label = ? and id > ? order by id limit 501",
                    label, middleId)).contains("Index Scan").doesNotContain("Seq Scan");
            assertThat(plan("explain select * from certificate where label = ? and serial > ? order by serial "
                    + "limit 501", label, middleSerial)).contains("Index Scan").doesNotContain("Seq Scan");
            assertThat(plan("explain select * from device where (updated_at, id) > (?, ?) order by updated_at, id "
                    + "limit 501", Timestamp.from(fleetChangedAt), middleId))
                    .contains("Index Scan using device_updated_at_id_idx").doesNotContain("Seq Scan");
        }
    }
}
