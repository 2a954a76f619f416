package dev.estserver.service.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import dev.estserver.service.ca.DemoPki;
import dev.estserver.service.ca.PemFiles;

/**
 * An HTTPS front of the service under test that first gives canned answers of its own, such as 503 with
 * Retry-After, then relays each request to the service and its answer back: for the retry logic of clients. It presents the
 * service's own TLS certificate, so a client that trusts the service trusts it.
 */
public final class RelayingEstServer implements AutoCloseable {

    /** An answer of the front itself, in text/plain; {@code retryAfter} null for none. */
    public record Canned(int status, String retryAfter, String text) {
    }

    private final HttpsServer server;
    private final Queue<Canned> canned;
    private final List<byte[]> requestBodies = new CopyOnWriteArrayList<>();

    /** @param canned answered in order to the first requests; later ones are relayed */
    public RelayingEstServer(List<Canned> canned) {
        this.canned = new ConcurrentLinkedQueue<>(canned);
        try {
            server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setHttpsConfigurator(new HttpsConfigurator(serviceTlsContext()));
        server.createContext("/", this::answer);
        server.start();
    }

    /** The EST base URL of the default label through this front. */
    public String base() {
        return "https://localhost:" + server.getAddress().getPort() + "/.well-known/est";
    }

    /** The bodies of every request received, in order. */
    public List<byte[]> requestBodies() {
        return List.copyOf(requestBodies);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            requestBodies.add(body);
            Canned answer = canned.poll();
            if (answer != null) {
                exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
                if (answer.retryAfter() != null) {
                    exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
                }
                send(exchange, answer.status(), answer.text().getBytes(StandardCharsets.UTF_8));
                return;
            }
            List<String> headers = new ArrayList<>();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization != null) {
                headers.addAll(List.of("Authorization", authorization));
            }
            HttpResponse<byte[]> relayed = EstClient.anonymous().postUrl(EstClient.ROOT + exchange.getRequestURI(),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body, headers.toArray(String[]::new));
            for (String name : List.of("Content-Type", "Content-Transfer-Encoding", "Retry-After")) {
                relayed.headers().firstValue(name).ifPresent(value -> exchange.getResponseHeaders().add(name, value));
            }
            send(exchange, relayed.statusCode(), relayed.body());
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static SSLContext serviceTlsContext() {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            char[] password = "relay".toCharArray();
            keys.setKeyEntry("tls", PemFiles.readPrivateKey(TestTls.DEMO_DIR.resolve(DemoPki.TLS_KEY)), password,
                    PemFiles.readCertificates(TestTls.DEMO_DIR.resolve(DemoPki.TLS_CERT))
                            .toArray(X509Certificate[]::new));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keys, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(factory.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
