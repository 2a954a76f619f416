package dev.estserver.service.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.estserver.service.support.Csrs;
import dev.estserver.service.support.EstClient;
import dev.estserver.service.support.TestKeys;
import dev.estserver.service.support.TestPorts;

/** Health and metrics on the plain-HTTP management port; EST never answers there. */
@QuarkusTest
class ManagementInterfaceTest {

    private static HttpResponse<String> management(String path) throws IOException, InterruptedException {
        URI uri = URI.create("http://localhost:" + TestPorts.MANAGEMENT + path);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void reportsLivenessAndReadinessWithCaAndDatabaseChecks() throws Exception {
        assertThat(management("/q/health/live").statusCode()).isEqualTo(200);
        HttpResponse<String> ready = management("/q/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"issuing-ca\"", "CN=EST Demo Root CA", "Database connections health check",
                "\"https-listener\"");
    }

    @Test
    void exportsRequestTimersByOperationLabelAndOutcome() throws Exception {
        EstClient client = EstClient.anonymous();
        client.enrolled("plant-a", Csrs.csr(TestKeys.ecP256(), "CN=metrics-" + UUID.randomUUID()));
        client.get("no-such-label/cacerts");
        String metrics = management("/q/metrics").body();
        assertThat(metrics).contains("est_requests_seconds_count{label=\"plant-a\",operation=\"simpleenroll\","
                + "outcome=\"success\",status=\"200\"}");
        assertThat(metrics).contains("est_requests_seconds_count{label=\"none\",operation=\"cacerts\","
                + "outcome=\"rejected\",status=\"404\"}");
        assertThat(metrics).contains("est_requests_seconds_bucket{label=\"plant-a\",operation=\"simpleenroll\"");
    }

    @Test
    void neverServesEstOnTheManagementPort() throws Exception {
        assertThat(management("/.well-known/est/cacerts").statusCode()).isEqualTo(404);
    }
}
