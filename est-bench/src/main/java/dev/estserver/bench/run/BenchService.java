package dev.estserver.bench.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.estserver.bench.load.ClientCredentials;

/**
 * The packaged service ({@code quarkus-run.jar}) in production mode, as operators run it: the bench PKI, a random
 * bootstrap credential, a database emptied at start, free ports, one crypto provider set, and the JVM options of
 * {@code BENCH_SERVICE_JAVA_OPTS}.
 */
final class BenchService implements AutoCloseable {

    /**
     * The service's JVM options unless {@code BENCH_SERVICE_JAVA_OPTS} says otherwise: the one place to tune them.
     * A 192 MiB heap kept the peak RSS at 432 MiB with 1,000 connections, against 504 MiB with 256 MiB, at the same
     * throughput; the parallel collector keeps young pauses short on two cores.
     */
    static final String DEFAULT_JAVA_OPTS = "-XX:+UseParallelGC -Xmx192m";
    static final String JAVA_OPTS_VARIABLE = "BENCH_SERVICE_JAVA_OPTS";

    private static final String USERNAME = "bench";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);
    private static final int LOG_TAIL_LINES = 40;

    private final Process process;
    private final Path log;
    private final int httpsPort;
    private final ClientCredentials.Basic credentials;
    private final Thread killOnExit;

    private BenchService(Process process, Path log, int httpsPort, ClientCredentials.Basic credentials) {
        this.process = process;
        this.log = log;
        this.httpsPort = httpsPort;
        this.credentials = credentials;
        // A runner stopped with Ctrl-C must not leave the service running.
        this.killOnExit = new Thread(process::destroyForcibly);
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * Starts the service on {@code providers} and waits until it is ready; fails with the tail of its log when it
     * does not come up.
     */
    static BenchService start(Path jar, BenchPki pki, ProviderSet providers, String jdbcUrl, Path log) {
        if (!Files.isRegularFile(jar)) {
            throw new BenchFailure("the packaged service " + jar + " does not exist; build it first "
                    + "(./mvnw -DskipTests package) and run from the repository root");
        }
        int httpsPort = freePort();
        int managementPort = freePort();
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        ClientCredentials.Basic credentials = new ClientCredentials.Basic(USERNAME, HexFormat.of().formatHex(secret));
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(javaOptions(System.getenv(JAVA_OPTS_VARIABLE)));
        // After the variable's options: the last -D wins, so the run is on the providers it reports.
        command.add("-Dest.crypto.provider=" + providers.id());
        command.addAll(List.of(
                "-Dest.ca.cert-file=" + pki.caCert(), "-Dest.ca.key-file=" + pki.caKey(),
                "-Dest.tls.cert-file=" + pki.tlsCert(), "-Dest.tls.key-file=" + pki.tlsKey(),
                // Production mode: the unlabeled path is served only when configured, credentials only on a label.
                "-Dest.labels.default=default", "-Dest.auth.bootstrap-credential-labels." + USERNAME + "=default",
                "-Dest.auth.bootstrap-credentials." + USERNAME + "=" + credentials.password(),
                "-Dquarkus.datasource.jdbc.url=" + jdbcUrl, "-Dquarkus.datasource.username=" + Database.USER,
                "-Dquarkus.datasource.password=" + Database.PASSWORD,
                "-Dquarkus.flyway.clean-at-start=true", "-Dquarkus.flyway.clean-disabled=false",
                "-Dquarkus.http.ssl-port=" + httpsPort, "-Dquarkus.management.port=" + managementPort,
                "-jar", jar.toString()));
        Process process;
        try {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new BenchFailure("cannot start the service " + jar + ": " + e.getMessage());
        }
        BenchService service = new BenchService(process, log, httpsPort, credentials);
        service.awaitReady(managementPort);
        return service;
    }

    /** The JVM options from the variable's value, or the default when it is unset or blank. */
    static List<String> javaOptions(String variable) {
        String options = variable == null || variable.isBlank() ? DEFAULT_JAVA_OPTS : variable;
        return List.of(options.trim().split("\\s+"));
    }

    private void awaitReady(int managementPort) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        while (process.isAlive() && Instant.now().isBefore(deadline)) {
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            sleep(Duration.ofMillis(250));
        }
        String why = process.isAlive() ? "did not become ready within " + STARTUP_TIMEOUT.toSeconds() + " s"
                : "exited with code " + process.exitValue();
        close();
        throw new BenchFailure("the service " + why + "; last lines of " + log + ":\n" + logTail());
    }

    long pid() {
        return process.pid();
    }

    URI estBase() {
        return URI.create("https://localhost:" + httpsPort + "/.well-known/est");
    }

    ClientCredentials.Basic credentials() {
        return credentials;
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook does the same
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port", e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
