package dev.estserver.service.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.estserver.service.support.AdminClient;
import dev.estserver.service.support.ConsoleClient;
import dev.estserver.service.support.Database;
import dev.estserver.service.support.LargeFleet;
import dev.estserver.service.support.TestTls;

/**
 * Every console page renders in under 300 ms with 100,000 devices and certificates and 100,000 enrollments of the
 * last 24 hours in the database: the time of the whole answer, on this shared 2-core machine, after one warm-up.
 */
@QuarkusTest
class ConsoleAtScaleTest {

    private static final Logger LOG = Logger.getLogger(ConsoleAtScaleTest.class);
    private static final Duration BOUND = Duration.ofMillis(300);

    @Inject
    Database database;

    @Test
    void everyPageRendersInUnder300MillisecondsWithAHundredThousandCertificates() {
        try (LargeFleet fleet = LargeFleet.seed(database)) {
            String session = ConsoleClient.secret(ConsoleClient.signIn(AdminClient.demoToken(TestTls.DEMO_DIR)));
            long middle = database.count("select id from device where label = ? order by id offset ? limit 1",
                    fleet.label(), LargeFleet.ROWS / 2);
            String serial = (String) database.single("select current_certificate_serial from device where id = ?",
                    middle);
            String identity = (String) database.single("select identity from device where id = ?", middle);

            assertThat(timed(session, "overview", "/console/")).contains(">1000", "large");
            timed(session, "device list of the label", "/console/devices?label=" + fleet.label());
            timed(session, "devices expiring within 7 days", "/console/devices?expiring=7&label=" + fleet.label());
            timed(session, "identity prefix search", "/console/devices?q=large-0999");
            assertThat(timed(session, "a device's page", "/console/devices/" + middle)).contains(identity, serial);
            timed(session, "certificate list", "/console/certificates?label=" + fleet.label());
            timed(session, "a certificate's page", "/console/certificates/" + serial);
            timed(session, "audit of a device", "/console/audit?device=" + identity);
            timed(session, "audit, newest first", "/console/audit");
            timed(session, "approvals", "/console/approvals");
            timed(session, "credentials", "/console/credentials");
        }
    }

    private static String timed(String session, String description, String path) {
        assertThat(ConsoleClient.get(session, path).statusCode()).as(description).isEqualTo(200);
        long start = System.nanoTime();
        HttpResponse<String> page = ConsoleClient.get(session, path);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        LOG.infof("%,d certificates: console %s took %d ms", LargeFleet.ROWS, description, took.toMillis());
        assertThat(page.statusCode()).as(description).isEqualTo(200);
        assertThat(took).as(description).isLessThan(BOUND);
        return page.body();
    }
}
