package dev.estserver.service.protocol.est;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import dev.estserver.service.support.Database;
import dev.estserver.service.support.RawHttps;

/**
 * A client that connects and then stops sending would hold a connection, and a worker thread once its request is
 * under way: quarkus.http.read-timeout and idle-timeout take both back. Short timeouts here keep the test fast;
 * the service runs with 30s and 60s.
 */
@QuarkusTest
@TestProfile(SlowClientTest.ShortTimeouts.class)
class SlowClientTest {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(4);
    /** Slack for a loaded machine; still far below the production timeouts, so these are the ones at work. */
    private static final Duration SLACK = Duration.ofSeconds(5);
    private static final String REASON = "request body could not be read: no data for 2s "
            + "(quarkus.http.read-timeout), 4 bytes received";

    public static class ShortTimeouts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.read-timeout", READ_TIMEOUT.toSeconds() + "s",
                    "quarkus.http.idle-timeout", IDLE_TIMEOUT.toSeconds() + "s");
        }
    }

    @Inject
    Database database;

    /** How long the server takes to close {@code connection}, waiting from now. */
    private static Duration untilClosed(RawHttps connection) throws IOException {
        long start = System.nanoTime();
        assertThat(connection.closedByServer()).as("closed by the server").isTrue();
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /**
     * The body is read on the event loop before the enrollment starts (RequestBodyReader). Quarkus REST's stream
     * used to close such a connection without an answer; the client now learns why before it is closed.
     */
    @Test
    void refusesAndDisconnectsAClientThatStallsInTheMiddleOfItsBody() throws IOException {
        try (RawHttps connection = new RawHttps()) {
            long start = System.nanoTime();
            connection.write(RawHttps.ascii("POST /.well-known/est/simpleenroll HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/pkcs10\r\nContent-Length: 600\r\n\r\nMIIB"));

            RawHttps.Response response = connection.read();
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.text()).contains(REASON);
            assertThat(connection.closedByServer()).as("closed by the server").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("closed after the read timeout, before the idle "
                    + "timeout").isBetween(READ_TIMEOUT, IDLE_TIMEOUT);
        }
        String auditRows = "select count(*) from enrollment_event where operation = 'simpleenroll'"
                + " and reason = '" + REASON + "'";
        assertThat(database.count(auditRows)).as("audit row").isEqualTo(1);
    }

    @Test
    void closesAKeptAliveConnectionLeftIdle() throws IOException {
        try (RawHttps connection = new RawHttps()) {
            connection.write(RawHttps.ascii("GET /.well-known/est/cacerts HTTP/1.1\r\nHost: localhost\r\n\r\n"));
            assertThat(connection.read().status()).isEqualTo(200);

            assertThat(untilClosed(connection)).isBetween(IDLE_TIMEOUT.minusSeconds(1), IDLE_TIMEOUT.plus(SLACK));
        }
    }

    @Test
    void closesAConnectionWhoseHeadersStopHalfway() throws IOException {
        try (RawHttps connection = new RawHttps()) {
            connection.write(RawHttps.ascii("GET /.well-known/est/cacerts HTTP/1.1\r\nHo"));

            assertThat(untilClosed(connection)).isBetween(IDLE_TIMEOUT.minusSeconds(1), IDLE_TIMEOUT.plus(SLACK));
        }
    }
}
