package dev.estserver.service.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.estserver.service.auth.AdminTokens;

/** The admin API ({@code /api/v1}) over real HTTPS, with the demo admin token unless told otherwise. */
public final class AdminClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String base;
    private final String authorization;

    /** @param http with its TLS context set */
    private AdminClient(HttpClient.Builder http, String base, String authorization) {
        this.http = http.connectTimeout(Duration.ofSeconds(10)).build();
        this.base = base;
        this.authorization = authorization;
    }

    /** The service under test, authenticated with the token demo mode wrote to its demo directory. */
    public static AdminClient demo() {
        return of(TestPorts.HTTPS, "Bearer " + demoToken(TestTls.DEMO_DIR));
    }

    /** The service under test, authenticated with the read-only token of the test configuration. */
    public static AdminClient auditor() {
        return of(TestPorts.HTTPS, "Bearer " + ConfigProvider.getConfig()
                .getValue("est.admin.auditor-tokens.test-auditor", String.class));
    }

    /** The service under test, authenticated by a TLS client certificate and no Authorization header. */
    public static AdminClient withCertificate(KeyPair keys, X509Certificate certificate) {
        return new AdminClient(HttpClient.newBuilder().sslContext(TestTls.context(keys.getPrivate(),
                List.of(certificate))), "https://localhost:" + TestPorts.HTTPS + "/api/v1/", null);
    }

    /** Another instance, or another Authorization header (null for none). */
    public static AdminClient of(int port, String authorization) {
        return new AdminClient(HttpClient.newBuilder().sslContext(TestTls.context()),
                "https://localhost:" + port + "/api/v1/", authorization);
    }

    /** The service under test with {@code authorization}, connecting from {@code loopbackAddress} (127.0.0.0/8). */
    public static AdminClient from(String loopbackAddress, String authorization) {
        return new AdminClient(HttpClient.newBuilder().sslContext(TestTls.context())
                .localAddress(EstClient.loopback(loopbackAddress)),
                "https://localhost:" + TestPorts.HTTPS + "/api/v1/", authorization);
    }

    public static String demoToken(Path demoDir) {
        try {
            return Files.readString(demoDir.resolve(AdminTokens.DEMO_TOKEN_FILE)).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON body of a successful (2xx) answer. */
    public static JsonNode json(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isBetween(200, 299);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        return parse(new String(response.body(), StandardCharsets.UTF_8));
    }

    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The id of the request of {@code device} in a list of enrollment requests under approval. */
    public static long requestOf(JsonNode approvals, String device) {
        for (JsonNode request : approvals) {
            if (request.get("deviceIdentity").asText().equals(device)) {
                return request.get("id").asLong();
            }
        }
        throw new AssertionError("no request of " + device + " in " + approvals);
    }

    /**
     * Every page of a list, following {@code nextCursor} until the last page; each page is the list of its items.
     *
     * @param query the list's path with its query, such as {@code devices?label=x&limit=3}
     */
    public List<List<JsonNode>> pages(String query) {
        List<List<JsonNode>> pages = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = json(get(query + (cursor == null ? "" : "&cursor=" + cursor)));
            List<JsonNode> items = new ArrayList<>();
            page.get("items").forEach(items::add);
            pages.add(items);
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);
        return pages;
    }

    /** The values of one field of every item of a list, over all its pages. */
    public List<String> allPages(String query, String field) {
        return pages(query).stream().flatMap(List::stream).map(item -> item.get(field).asText()).toList();
    }

    public HttpResponse<byte[]> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public HttpResponse<byte[]> get(String path, String accept) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", accept).GET());
    }

    public HttpResponse<byte[]> delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
    }

    public HttpResponse<byte[]> post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<byte[]> put(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) {
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return TestHttp.send(http, request);
    }
}
