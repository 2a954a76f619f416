package dev.estserver.operator.service;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads {@code /q/health/ready} of the management port (plain HTTP inside the cluster, as the kubelet does). Quarkus
 * answers 503 with the same JSON when a check is down, so both codes are parsed.
 */
@ApplicationScoped
public class HttpServiceReadiness implements ServiceReadiness {

    /** The name Quarkus gives the datasource's readiness check. */
    static final String DATABASE_CHECK = "Database connections health check";
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    @Override
    public HealthReport check(URI managementBase) {
        URI uri = managementBase.resolve("/q/health/ready");
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode checks = JSON.readTree(response.body()).path("checks");
            boolean databaseUp = false;
            List<String> down = new ArrayList<>();
            for (JsonNode check : checks) {
                boolean up = "UP".equals(check.path("status").asText());
                if (DATABASE_CHECK.equals(check.path("name").asText())) {
                    databaseUp = up;
                }
                if (!up) {
                    down.add(check.path("name").asText() + " " + check.path("data"));
                }
            }
            return new HealthReport(true, databaseUp, down.isEmpty() ? "every readiness check is up"
                    : "down: " + String.join("; ", down));
        } catch (IOException e) {
            return new HealthReport(false, false, "GET " + uri + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new HealthReport(false, false, "interrupted while asking " + uri);
        }
    }
}
