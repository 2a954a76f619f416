package dev.estserver.operator.service;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/** A one-answer HTTPS server standing in for est-service: it records each request and gives the answer it was told. */
final class StubService implements AutoCloseable {

    /** A request as it arrived on the wire (raw, still percent-encoded path). */
    record Received(String method, String rawPath, String rawQuery, String authorization, String contentType,
            String body) {
    }

    private final HttpsServer server;
    private final List<Received> received = new ArrayList<>();
    private volatile int status = 200;
    private volatile String contentType = "application/json";
    private volatile String body = "{}";
    private volatile Map<String, String> headers = Map.of();

    StubService(SelfSignedTls tls) throws Exception {
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
        server.createContext("/", this::answer);
        server.start();
    }

    URI base() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
    }

    void answers(int status, String contentType, String body) {
        answers(status, contentType, body, Map.of());
    }

    void answers(int status, String contentType, String body, Map<String, String> headers) {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
        this.headers = headers;
    }

    synchronized Received lastRequest() {
        return received.getLast();
    }

    synchronized int requestCount() {
        return received.size();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String requestBody = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            synchronized (this) {
                received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                        exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders().getFirst("Authorization"),
                        exchange.getRequestHeaders().getFirst("Content-Type"), requestBody));
            }
            byte[] answer = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", contentType);
            headers.forEach(exchange.getResponseHeaders()::add);
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                exchange.getResponseBody().write(answer);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
