package dev.estserver.service.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.estserver.service.support.Csrs;
import dev.estserver.service.support.Database;
import dev.estserver.service.support.EstClient;
import dev.estserver.service.support.TestKeys;
import dev.estserver.service.support.TestPorts;

/** Fleet gauges on /q/metrics agree with the database after a refresh. */
@QuarkusTest
class FleetMetricsTest {

    @Inject
    FleetMetrics fleet;

    @Inject
    Database database;

    private static String metrics() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:"
                + TestPorts.MANAGEMENT + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The value of one sample, such as {@code est_devices{label="iot",status="ACTIVE"}}; -1 when absent. */
    private static double sample(String metrics, String name) {
        Matcher value = Pattern.compile("^" + Pattern.quote(name) + " (\\S+)$", Pattern.MULTILINE).matcher(metrics);
        return value.find() ? Double.parseDouble(value.group(1)) : -1;
    }

    @Test
    void reportsDevicesByLabelAndStatusExpiringCertificatesAndPendingApprovals() throws Exception {
        EstClient client = EstClient.anonymous();
        client.enrolled("iot", Csrs.csr(TestKeys.ecP256(), "CN=fleet-" + UUID.randomUUID()));
        client.enroll("manual", Csrs.csr(TestKeys.ecP256(), "CN=fleet-" + UUID.randomUUID()));

        fleet.refresh();
        String metrics = metrics();

        assertThat(sample(metrics, "est_devices{label=\"iot\",status=\"ACTIVE\"}")).isEqualTo(
                database.count("select count(*) from device where label = 'iot' and status = 'ACTIVE'"));
        // iot certificates live 30 days: all of them expire within 30 days, none within 7.
        assertThat(sample(metrics, "est_certificates_expiring_30d{label=\"iot\"}")).isEqualTo(
                database.count("select count(*) from device where label = 'iot' and current_certificate_serial "
                        + "is not null"));
        assertThat(sample(metrics, "est_certificates_expiring_7d{label=\"iot\"}")).isZero();
        assertThat(sample(metrics, "est_approvals_pending{label=\"manual\"}")).isEqualTo(
                database.count("select count(*) from pending_request where label = 'manual' and status = 'PENDING' "
                        + "and expires_at > now()"));
    }

    @Test
    void everyConfiguredLabelHasEveryGaugeAtZeroWhenThereIsNothingToCount() throws Exception {
        fleet.refresh();
        String metrics = metrics();

        for (String status : List.of("PENDING", "ACTIVE", "SUSPENDED", "REVOKED")) {
            assertThat(sample(metrics, "est_devices{label=\"iot\",status=\"" + status + "\"}")).as(status)
                    .isEqualTo(database.count("select count(*) from device where label = 'iot' and status = '"
                            + status + "'"));
        }
        assertThat(sample(metrics, "est_approvals_pending{label=\"iot\"}")).as("iot needs no approval").isZero();
        assertThat(sample(metrics, "est_certificates_expiring_7d{label=\"default\"}")).isGreaterThanOrEqualTo(0);
        assertThat(sample(metrics, "est_approvals_pending{label=\"default\"}")).isGreaterThanOrEqualTo(0);
    }
}
