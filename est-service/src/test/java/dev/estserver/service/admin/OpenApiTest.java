package dev.estserver.service.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;

import dev.estserver.service.support.AdminClient;
import dev.estserver.service.support.EstClient;
import dev.estserver.service.support.ManagementClient;

/** The admin API is described by OpenAPI on the management interface, next to health and metrics. */
@QuarkusTest
class OpenApiTest {

    @Test
    void describesEveryAdminPath() {
        HttpResponse<byte[]> response = ManagementClient.get("/q/openapi?format=json");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode paths = AdminClient.parse(EstClient.text(response)).get("paths");
        assertThat(paths.fieldNames()).toIterable().contains("/api/v1/devices", "/api/v1/devices/{id}",
                "/api/v1/devices/{id}/suspend", "/api/v1/devices/{id}/resume", "/api/v1/devices/{id}/reset",
                "/api/v1/certificates", "/api/v1/certificates/{serial}", "/api/v1/certificates/{serial}/pem",
                "/api/v1/certificates/{serial}/revoke", "/api/v1/events", "/api/v1/stats", "/api/v1/approvals",
                "/api/v1/one-time-codes", "/api/v1/registrations", "/api/v1/registrations/{label}/{identity}",
                "/api/v1/bootstrap-credentials", "/api/v1/bootstrap-credentials/{username}/revoke",
                "/api/v1/bootstrap-credentials/revoke");
        assertThat(paths.get("/api/v1/devices").get("get").get("tags").get(0).asText()).isEqualTo("devices");
        assertThat(paths.fieldNames()).toIterable().noneMatch(path -> path.startsWith("/console"));
    }

    @Test
    void tellsClientsToSendTheAdminTokenAsBearerToken() {
        JsonNode document = AdminClient.parse(EstClient.text(ManagementClient.get("/q/openapi?format=json")));
        assertThat(document.get("components").get("securitySchemes").get("adminToken").get("scheme").asText())
                .isEqualTo("bearer");
        assertThat(document.get("paths").get("/api/v1/devices").get("get").get("security").get(0).has("adminToken"))
                .isTrue();
        assertThat(document.get("info").get("title").asText()).isEqualTo("EST service admin API");
    }

    @Test
    void leavesSwaggerUiOutsideDevAndDemo() {
        assertThat(ManagementClient.get("/q/swagger-ui/").statusCode()).isEqualTo(404);
    }
}
