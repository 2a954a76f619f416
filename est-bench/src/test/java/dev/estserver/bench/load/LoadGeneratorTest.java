package dev.estserver.bench.load;

import static dev.estserver.bench.load.FakeEstServer.Answer.CERTIFICATE;
import static dev.estserver.bench.load.FakeEstServer.Answer.CERTIFICATE_FOR_OTHER_KEY;
import static dev.estserver.bench.load.FakeEstServer.Answer.CHUNKED_CERTIFICATE;
import static dev.estserver.bench.load.FakeEstServer.Answer.RESET;
import static dev.estserver.bench.load.FakeEstServer.Answer.SERVER_ERROR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LoadGeneratorTest {

    private static TestPki pki;

    @BeforeAll
    static void createPki() throws Exception {
        pki = new TestPki();
    }

    /** Every 5th request fails, every other 7th gets a certificate for another key, the 3rd is reset. */
    private static final IntFunction<FakeEstServer.Answer> MISBEHAVING = n -> n % 5 == 0 ? SERVER_ERROR
            : n % 7 == 0 ? CERTIFICATE_FOR_OTHER_KEY
            : n == 3 ? RESET
            : n % 2 == 0 ? CHUNKED_CERTIFICATE
            : CERTIFICATE;

    private static LoadSpec spec(FakeEstServer server, int concurrency, ConnectionMode mode, Duration warmup,
            Duration duration) throws Exception {
        return new LoadSpec(server.estBase(), List.of(TestPki.x509(pki.caCertificate)),
                new ClientCredentials.Basic(FakeEstServer.USERNAME, FakeEstServer.PASSWORD), concurrency, mode,
                warmup, duration);
    }

    /** Lets the server answer its held requests once the window has closed, and notes when the edges were told. */
    private static final class ReleasingListener implements MeasurementListener {

        private final FakeEstServer server;
        long started;
        long ended;

        ReleasingListener(FakeEstServer server) {
            this.server = server;
        }

        @Override
        public void measurementStarted() {
            started = System.nanoTime();
        }

        @Override
        public void measurementEnded() {
            ended = System.nanoTime();
            server.release();
        }
    }

    private static LoadResult run(FakeEstServer server, LoadSpec spec, int csrs) {
        ReleasingListener listener = new ReleasingListener(server);
        LoadResult result = new LoadGenerator().run(spec, CsrPool.generate(csrs, "dev"), listener);
        assertThat(listener.ended - listener.started).isCloseTo(spec.duration().toNanos(),
                within(Duration.ofMillis(200).toNanos()));
        return result;
    }

    @Test
    void countsExactlyWhatTheServerAnsweredAndEachMisbehaviourAsItsKind() throws Exception {
        try (FakeEstServer server = new FakeEstServer(pki, 70, MISBEHAVING)) {
            LoadResult result = run(server, spec(server, 4, ConnectionMode.KEEP_ALIVE, Duration.ZERO,
                    Duration.ofSeconds(2)), 200);

            assertThat(result.enrollments() + result.errors()).isEqualTo(70);
            assertThat(result.enrollments()).isEqualTo(server.answers(CERTIFICATE) + server.answers(CHUNKED_CERTIFICATE))
                    .isEqualTo(70 - 14 - 8 - 1);
            assertThat(result.errorKinds()).isEqualTo(
                    Map.of("http-500", 14L, "wrong-public-key", 8L, "io:SocketException", 1L));
            assertThat(result.errorSamples()).contains("http-500: expected status 200, got 500: injected failure");
            assertThat(result.measured()).isEqualTo(Duration.ofSeconds(2));
            assertThat(result.latencies().p50()).isPositive();
            assertThat(server.connections()).as("one per worker, and one more after the reset").isEqualTo(4 + 1);
        }
    }

    @Test
    void keepAliveUsesOneConnectionPerWorker() throws Exception {
        try (FakeEstServer server = new FakeEstServer(pki, 30, n -> CERTIFICATE)) {
            LoadResult result = run(server, spec(server, 3, ConnectionMode.KEEP_ALIVE, Duration.ZERO,
                    Duration.ofMillis(1500)), 100);

            assertThat(result.enrollments()).isEqualTo(30);
            assertThat(result.errors()).isZero();
            assertThat(server.connections()).isEqualTo(3);
            assertThat(server.fullHandshakes()).isEqualTo(3);
        }
    }

    @Test
    void newConnectionMakesAConnectionAndAFullHandshakePerEnrollment() throws Exception {
        try (FakeEstServer server = new FakeEstServer(pki, 20, n -> CERTIFICATE)) {
            LoadResult result = run(server, spec(server, 3, ConnectionMode.NEW_CONNECTION, Duration.ZERO,
                    Duration.ofMillis(1500)), 100);

            assertThat(result.enrollments()).isEqualTo(20);
            assertThat(result.errors()).isZero();
            assertThat(server.connections()).isEqualTo(server.requests());
            assertThat(server.fullHandshakes()).isEqualTo(server.connections());
        }
    }

    @Test
    void newConnectionResumedMakesOnlyEachWorkersFirstHandshakeInFull() throws Exception {
        try (FakeEstServer server = new FakeEstServer(pki, 20, n -> CERTIFICATE)) {
            LoadResult result = run(server, spec(server, 3, ConnectionMode.NEW_CONNECTION_RESUMED, Duration.ZERO,
                    Duration.ofMillis(1500)), 100);

            assertThat(result.enrollments()).isEqualTo(20);
            assertThat(result.errors()).isZero();
            assertThat(server.connections()).isEqualTo(server.requests()).isGreaterThan(20);
            assertThat(server.fullHandshakes()).isEqualTo(3);
        }
    }

    @Test
    void countsNothingThatCompletedDuringTheWarmUp() throws Exception {
        try (FakeEstServer server = new FakeEstServer(pki, 10, MISBEHAVING)) {
            LoadResult result = run(server, spec(server, 2, ConnectionMode.KEEP_ALIVE, Duration.ofMillis(1000),
                    Duration.ofMillis(300)), 100);

            assertThat(server.requests()).isGreaterThan(10);
            assertThat(result.enrollments()).isZero();
            assertThat(result.errors()).isZero();
        }
    }

    @Test
    void failsTheScenarioWhenThePoolRunsOutInsteadOfReusingAnIdentity() throws Exception {
        try (FakeEstServer server = new FakeEstServer(pki, 1000, n -> CERTIFICATE)) {
            LoadResult result = run(server, spec(server, 2, ConnectionMode.KEEP_ALIVE, Duration.ZERO,
                    Duration.ofMillis(1000)), 7);

            assertThat(result.enrollments()).isEqualTo(7);
            assertThat(server.requests()).isEqualTo(7);
            assertThat(result.errorKinds()).isEqualTo(Map.of("csr-pool-exhausted", 2L));
            assertThat(result.errorSamples()).containsExactly(
                    "csr-pool-exhausted: CSR pool exhausted: all 7 pre-generated requests were used; generate more");
        }
    }
}
