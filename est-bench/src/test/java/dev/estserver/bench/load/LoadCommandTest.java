package dev.estserver.bench.load;

import static dev.estserver.bench.load.FakeEstServer.Answer.CERTIFICATE;
import static dev.estserver.bench.load.FakeEstServer.Answer.SERVER_ERROR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.estserver.bench.UsageException;

class LoadCommandTest {

    private static TestPki pki;
    private static Path trust;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @BeforeAll
    static void writeTrustAnchor(@TempDir Path directory) throws Exception {
        pki = new TestPki();
        trust = directory.resolve("ca.pem");
        Files.writeString(trust, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder().encodeToString(pki.caCertificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n");
    }

    private int load(FakeEstServer server, String connections) {
        return LoadCommand.run(new String[] {"--url", server.estBase().toString(), "--trust", trust.toString(),
                "--basic", FakeEstServer.USERNAME + ":" + FakeEstServer.PASSWORD, "--concurrency", "2",
                "--connections", connections, "--warmup", "500ms", "--duration", "700ms", "--csrs", "2000"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsTheSummaryLineAndExitsWithZeroWhenEveryEnrollmentSucceeded() throws Exception {
        try (FakeEstServer server = new FakeEstServer(pki, Integer.MAX_VALUE, n -> CERTIFICATE)) {
            int exitCode = load(server, "new-resumed");

            assertThat(output()).matches("bench: load url=" + server.estBase() + " conc=2 connections=new-resumed"
                    + " throughput=\\d+\\.\\d/s p50=\\d+\\.\\d\\dms p95=\\d+\\.\\d\\dms p99=\\d+\\.\\d\\dms errors=0\\R");
            assertThat(exitCode).isEqualTo(0);
        }
    }

    @Test
    void namesTheErrorsAndExitsWithOneWhenAnyEnrollmentFailed() throws Exception {
        try (FakeEstServer server = new FakeEstServer(pki, Integer.MAX_VALUE,
                n -> n % 2 == 0 ? SERVER_ERROR : CERTIFICATE)) {
            int exitCode = load(server, "keep-alive");

            assertThat(output()).containsPattern("errors=[1-9]\\d*\\R")
                    // A server that fails fast may also use up the 2,000 CSRs within the run: that is named too.
                    .containsPattern("bench: error kinds (csr-pool-exhausted=\\d+ )?http-500=[1-9]\\d*\\R")
                    .contains("bench: error http-500: expected status 200, got 500: injected failure");
            assertThat(exitCode).isEqualTo(1);
        }
    }

    @Test
    void rejectsAnUnknownConnectionMode() {
        assertThatThrownBy(() -> LoadCommand.run(new String[] {"--url", "https://localhost/.well-known/est",
                "--trust", trust.toString(), "--basic", "u:p", "--connections", "pooled"}, System.out, System.err))
                .isInstanceOf(UsageException.class)
                .hasMessage("--connections must be keep-alive, new or new-resumed, was 'pooled'");
    }

    @Test
    void requiresExactlyOneKindOfCredential() {
        assertThatThrownBy(() -> LoadCommand.run(new String[] {"--url", "https://localhost/.well-known/est",
                "--trust", trust.toString(), "--basic", "u:p", "--client-cert", "c.pem"}, System.out, System.err))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("give either --basic or both --client-cert and --client-key; usage: load --url");
    }
}
