package dev.estserver.service.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;

import dev.estserver.service.support.AdminClient;
import dev.estserver.service.support.TestPorts;

/** The admin API is described by OpenAPI on the management interface, next to health and metrics. */
@QuarkusTest
class OpenApiTest {

    static HttpResponse<String> management(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:"
                + TestPorts.MANAGEMENT + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void describesEveryAdminPath() throws Exception {
        HttpResponse<String> response = management("/q/openapi?format=json");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode paths = AdminClient.parse(response.body()).get("paths");
        assertThat(paths.fieldNames()).toIterable().contains("/api/v1/devices", "/api/v1/devices/{id}",
                "/api/v1/devices/{id}/suspend", "/api/v1/devices/{id}/resume", "/api/v1/devices/{id}/reset",
                "/api/v1/certificates", "/api/v1/certificates/{serial}", "/api/v1/certificates/{serial}/pem",
                "/api/v1/certificates/{serial}/revoke", "/api/v1/events", "/api/v1/stats", "/api/v1/approvals",
                "/api/v1/one-time-codes");
        assertThat(paths.get("/api/v1/devices").get("get").get("tags").get(0).asText()).isEqualTo("devices");
    }

    @Test
    void tellsClientsToSendTheAdminTokenAsBearerToken() throws Exception {
        JsonNode document = AdminClient.parse(management("/q/openapi?format=json").body());
        assertThat(document.get("components").get("securitySchemes").get("adminToken").get("scheme").asText())
                .isEqualTo("bearer");
        assertThat(document.get("paths").get("/api/v1/devices").get("get").get("security").get(0).has("adminToken"))
                .isTrue();
        assertThat(document.get("info").get("title").asText()).isEqualTo("EST service admin API");
    }

    @Test
    void leavesSwaggerUiOutsideDevAndDemo() throws Exception {
        assertThat(management("/q/swagger-ui/").statusCode()).isEqualTo(404);
    }
}
