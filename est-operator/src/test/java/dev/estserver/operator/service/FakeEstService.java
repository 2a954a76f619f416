package dev.estserver.operator.service;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * est-service's admin API over HTTPS, for a packaged operator in its own process: the paths, JSON and status codes
 * of the real one, answered by a {@link RecordingAdminApi} (the service's rules of ownership, in memory). Counts
 * every call by kind, as the service's request metrics would.
 */
public final class FakeEstService implements AutoCloseable {

    private final RecordingAdminApi service = new RecordingAdminApi();
    private final SelfSignedTls tls;
    private final HttpsServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

    public FakeEstService() throws Exception {
        tls = SelfSignedTls.forLocalhost();
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
        server.setExecutor(threads);
        server.createContext("/api/v1/", this::answer);
        server.start();
    }

    public URI base() {
        return URI.create("https://localhost:" + server.getAddress().getPort());
    }

    /** What a client must trust for {@link #base()}. */
    public String trustPem() throws Exception {
        return tls.pem();
    }

    /** The in-memory service behind the API: to make a device enroll, or look at credentials. */
    public RecordingAdminApi service() {
        return service;
    }

    /** Calls so far, by kind ({@code METHOD path pattern}), for example {@code GET registrations?changedSince}. */
    public Map<String, Long> calls() {
        Map<String, Long> snapshot = new HashMap<>();
        calls.forEach((kind, count) -> snapshot.put(kind, count.sum()));
        return snapshot;
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String[] path = Arrays.stream(exchange.getRequestURI().getRawPath().substring("/api/v1/".length())
                    .split("/")).map(s -> URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8))
                    .toArray(String[]::new);
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            byte[] body = exchange.getRequestBody().readAllBytes();
            try {
                Object answer = route(method, path, query, body);
                send(exchange, answer == null ? 404 : "POST".equals(method) && path.length == 1 ? 201 : 200,
                        answer == null ? "not found" : json.writeValueAsString(answer), "application/json");
            } catch (AdminApiException e) {
                send(exchange, e.status(), e.getMessage(), "text/plain");
            }
        }
    }

    /** @return the answer's body, null for 404 */
    private Object route(String method, String[] path, Map<String, String> query, byte[] body) throws IOException {
        ServiceConnection none = null;
        if ("registrations".equals(path[0]) && path.length == 1 && "GET".equals(method)) {
            count("GET registrations?changedSince");
            String since = query.get("changedSince");
            return service.registrationsChangedSince(none, since == null ? null : Instant.parse(since),
                    query.get("cursor"));
        }
        if ("registrations".equals(path[0]) && path.length == 3) {
            count(method + " registrations/{label}/{identity}");
            return switch (method) {
                case "GET" -> service.registrationOf(path[1], path[2]).orElse(null);
                case "PUT" -> service.register(none, path[1], path[2],
                        json.readValue(body, RegistrationRequest.class));
                case "DELETE" -> service.deregister(none, path[1], path[2], query.get("ownerUid")) ? Map.of() : null;
                default -> null;
            };
        }
        if ("bootstrap-credentials".equals(path[0]) && "POST".equals(method)) {
            if (path.length == 1) {
                count("POST bootstrap-credentials");
                return service.issueBootstrapCredential(none, json.readValue(body, BootstrapCredentialRequest.class));
            }
            if (path.length == 2 && "revoke".equals(path[1])) {
                count("POST bootstrap-credentials/revoke");
                String owner = json.readTree(body).path("ownerUid").asText();
                return Map.of("revoked", service.revokeBootstrapCredentialsOf(none, owner));
            }
            if (path.length == 3 && "revoke".equals(path[2])) {
                count("POST bootstrap-credentials/{username}/revoke");
                return service.revokeBootstrapCredential(none, path[1]) ? Map.of("username", path[1]) : null;
            }
        }
        return null;
    }

    private void count(String kind) {
        calls.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    values.put(pair.substring(0, equals),
                            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }

    private static void send(HttpExchange exchange, int status, String text, String type) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
