package dev.estserver.service.http;

import static dev.estserver.service.support.RawHttps.ascii;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import dev.estserver.service.support.Csrs;
import dev.estserver.service.support.EstClient;
import dev.estserver.service.support.RawHttps;
import dev.estserver.service.support.TestKeys;

/**
 * A body that was read to its end leaves nothing behind once its answer is written: no wait for the rest of it,
 * which would close the connection when it timed out. A short unread-body timeout keeps the test fast; the service
 * runs with 10 s.
 */
@QuarkusTest
@TestProfile(UnreadBodyTest.ShortUnreadBodyTimeout.class)
class UnreadBodyTest {

    private static final Duration UNREAD_BODY_TIMEOUT = Duration.ofSeconds(1);

    public static class ShortUnreadBodyTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("est.limits.unread-body-timeout", UNREAD_BODY_TIMEOUT.toSeconds() + "s");
        }
    }

    @Test
    void keepsAnEnrollmentsConnectionOpenPastTheUnreadBodyTimeout() throws Exception {
        byte[] csr = Csrs.base64(Csrs.csr(TestKeys.ecP256(), "CN=unread-" + UUID.randomUUID()));
        try (RawHttps connection = new RawHttps()) {
            assertThat(connection.post("simpleenroll", "application/pkcs10", csr,
                    "Authorization", EstClient.DEMO_BASIC).status()).isEqualTo(200);

            Thread.sleep(UNREAD_BODY_TIMEOUT.multipliedBy(3));

            connection.write(ascii("GET /.well-known/est/cacerts HTTP/1.1\r\nHost: localhost\r\n\r\n"));
            assertThat(connection.read().status()).as("the next request on the same connection").isEqualTo(200);
        }
    }
}
