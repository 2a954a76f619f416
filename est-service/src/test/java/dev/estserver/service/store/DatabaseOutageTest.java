package dev.estserver.service.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntSupplier;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import dev.estserver.service.support.Csrs;
import dev.estserver.service.support.EstClient;
import dev.estserver.service.support.TcpProxy;
import dev.estserver.service.support.TestKeys;
import dev.estserver.service.support.TestPorts;

/** The database goes away and comes back: enrollment answers 503 + Retry-After, readiness goes DOWN, both recover. */
@QuarkusTest
@TestProfile(DatabaseOutageTest.BehindProxy.class)
class DatabaseOutageTest {

    static TcpProxy proxy;

    /** Points the datasource at a proxy in front of the test database. */
    public static class BehindProxy implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ProxyResource.class));
        }
    }

    public static class ProxyResource implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            try {
                proxy = new TcpProxy(5432);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("quarkus.datasource.jdbc.url",
                    "jdbc:postgresql://localhost:" + proxy.port() + "/" + TestPorts.DATABASE);
        }

        @Override
        public void stop() {
            try {
                proxy.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final EstClient client = EstClient.anonymous();

    private int enroll() {
        return client.enroll(null, Csrs.csr(TestKeys.ecP256(), "CN=outage-" + UUID.randomUUID())).statusCode();
    }

    private static int readiness() {
        try {
            URI ready = URI.create("http://localhost:" + TestPorts.MANAGEMENT + "/q/health/ready");
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(ready).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void awaitStatus(IntSupplier probe, int expected, Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        int last = probe.getAsInt();
        while (last != expected && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            last = probe.getAsInt();
        }
        assertThat(last).isEqualTo(expected);
    }

    @Test
    void answers503WithRetryAfterAndGoesUnreadyWhileDatabaseIsDownThenRecovers() throws Exception {
        assertThat(enroll()).isEqualTo(200);
        assertThat(readiness()).isEqualTo(200);

        proxy.cut();
        HttpResponse<byte[]> during = client.enroll(null,
                Csrs.csr(TestKeys.ecP256(), "CN=outage-" + UUID.randomUUID()));
        assertThat(during.statusCode()).isEqualTo(503);
        assertThat(during.headers().firstValue("Retry-After")).hasValue("30");
        assertThat(during.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
        assertThat(EstClient.text(during)).contains("certificate store (database) unavailable; retry after 30 seconds")
                .doesNotContain("Exception");
        awaitStatus(DatabaseOutageTest::readiness, 503, Duration.ofSeconds(20));
        // cacerts needs no database and keeps working.
        assertThat(client.get("cacerts").statusCode()).isEqualTo(200);

        proxy.restore();
        awaitStatus(DatabaseOutageTest::readiness, 200, Duration.ofSeconds(30));
        awaitStatus(this::enroll, 200, Duration.ofSeconds(30));
    }
}
