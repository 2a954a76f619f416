package dev.estserver.service.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import dev.estserver.service.support.AdminClient;
import dev.estserver.service.support.EstClient;
import dev.estserver.service.support.ManagementClient;
import dev.estserver.service.support.TestPorts;
import dev.estserver.service.support.TestTls;

/**
 * Swagger UI, enabled as the demo and dev profiles enable it: served next to the OpenAPI document, pointed at the
 * HTTPS port, which lets the UI's origin call it.
 */
@QuarkusTest
@TestProfile(SwaggerUiTest.AsInDemo.class)
class SwaggerUiTest {

    private static final String API = "https://localhost:" + TestPorts.HTTPS;
    private static final String UI_ORIGIN = "http://localhost:" + TestPorts.MANAGEMENT;

    /** What {@code %demo,dev} set, on the test ports. */
    public static class AsInDemo implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.swagger-ui.enabled", "true", "quarkus.smallrye-openapi.servers", API,
                    "quarkus.http.cors.enabled", "true", "quarkus.http.cors.origins", UI_ORIGIN);
        }
    }

    @Test
    void servesSwaggerUiOnTheManagementInterface() {
        HttpResponse<byte[]> response = ManagementClient.get("/q/swagger-ui/");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(EstClient.text(response)).containsIgnoringCase("swagger");
    }

    @Test
    void pointsTheUiAtTheHttpsPortWhichAcceptsItsOrigin() throws Exception {
        JsonNode document = AdminClient.parse(EstClient.text(ManagementClient.get("/q/openapi?format=json")));
        assertThat(document.get("servers").get(0).get("url").asText()).isEqualTo(API);

        HttpResponse<String> preflight = HttpClient.newBuilder().sslContext(TestTls.context())
                .connectTimeout(Duration.ofSeconds(10)).build().send(
                HttpRequest.newBuilder(URI.create(API + "/api/v1/devices")).method("OPTIONS",
                        HttpRequest.BodyPublishers.noBody()).header("Origin", UI_ORIGIN)
                        .header("Access-Control-Request-Method", "GET")
                        .header("Access-Control-Request-Headers", "authorization").timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(UI_ORIGIN);
    }
}
