package dev.estserver.service.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real curl and openssl binaries, as a device's shell script would, in one working directory. */
public final class Shell {

    private final Path dir;
    private final Map<String, String> environment;

    public Shell(Path dir) {
        this(dir, Map.of());
    }

    /** A shell whose commands see {@code environment} on top of the test's own environment variables. */
    public Shell(Path dir, Map<String, String> environment) {
        this.dir = dir;
        this.environment = Map.copyOf(environment);
    }

    /** A shell in {@code dir}, which it first gives the service's trust anchor as {@code ca.pem}, as a device has. */
    public static Shell withTrustAnchor(Path dir) {
        try {
            Files.copy(TestTls.caFile(), dir.resolve("ca.pem"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Shell(dir);
    }

    /**
     * An {@code openssl req -config} file for a CSR with subject {@code CN=commonName} and one attribute, such as
     * challengePassword or the otpChallenge OID, with {@code value}.
     */
    public static String requestConfig(String commonName, String attribute, String value) {
        return """
                [req]
                distinguished_name = dn
                attributes = attrs
                prompt = no
                [dn]
                CN = %s
                [attrs]
                %s = %s
                """.formatted(commonName, attribute, value);
    }

    public record Result(int exitCode, String stdout, String stderr) {

        public String output() {
            return stdout + stderr;
        }
    }

    /** Runs a /bin/sh command line; fails the test if it exits non-zero. */
    public String ok(String command) {
        Result result = run(command);
        if (result.exitCode() != 0) {
            throw new AssertionError("`" + command + "` exited " + result.exitCode() + ":\n" + result.output());
        }
        return result.stdout();
    }

    /**
     * Starts a /bin/sh command line and leaves its standard streams to the caller, for a dialogue with a process
     * such as {@code openssl s_client}. Standard error is merged into standard output.
     */
    public Process start(String command) {
        try {
            return sh(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Result run(String command) {
        try {
            Process process = sh(command).start();
            process.getOutputStream().close();
            // Read both streams concurrently so a chatty command cannot block on a full pipe.
            String[] err = new String[1];
            Thread stderr = Thread.ofVirtual().start(() -> {
                try {
                    err[0] = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    err[0] = e.toString();
                }
            });
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("`" + command + "` did not finish within 60 s");
            }
            stderr.join();
            return new Result(process.exitValue(), out, err[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private ProcessBuilder sh(String command) {
        ProcessBuilder builder = new ProcessBuilder(List.of("/bin/sh", "-c", command)).directory(dir.toFile());
        builder.environment().putAll(environment);
        return builder;
    }
}
