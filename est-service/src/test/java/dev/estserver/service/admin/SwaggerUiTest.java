package dev.estserver.service.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Swagger UI, enabled as the demo and dev profiles enable it, is served next to the OpenAPI document. */
@QuarkusTest
@TestProfile(SwaggerUiTest.Enabled.class)
class SwaggerUiTest {

    /** What {@code %demo,dev} set. */
    public static class Enabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.swagger-ui.enabled", "true");
        }
    }

    @Test
    void servesSwaggerUiOnTheManagementInterface() throws Exception {
        HttpResponse<String> response = OpenApiTest.management("/q/swagger-ui/");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).containsIgnoringCase("swagger");
    }
}
