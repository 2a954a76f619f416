package dev.estserver.service.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** The admin API ({@code /api/v1}) over real HTTPS, with the demo admin token unless told otherwise. */
public final class AdminClient {

    private final HttpClient http = HttpClient.newBuilder().sslContext(TestTls.context())
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String authorization;

    private AdminClient(String base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    /** The service under test, authenticated with the token demo mode wrote to {@code target/est-test}. */
    public static AdminClient demo() {
        return new AdminClient("https://localhost:" + TestPorts.HTTPS + "/api/v1/", "Bearer " + demoToken(
                Path.of("target/est-test")));
    }

    /** Another instance, or another Authorization header (null for none). */
    public static AdminClient of(int port, String authorization) {
        return new AdminClient("https://localhost:" + port + "/api/v1/", authorization);
    }

    public static String demoToken(Path demoDir) {
        try {
            return Files.readString(demoDir.resolve("admin-token")).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public HttpResponse<byte[]> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public HttpResponse<byte[]> post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) {
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
