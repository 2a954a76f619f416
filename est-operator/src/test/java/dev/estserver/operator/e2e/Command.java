package dev.estserver.operator.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command line tool (openssl, psql, the enrollment script) and keeps what it printed. */
record Command(int exitCode, String stdout, String stderr) {

    static Command run(Path directory, Map<String, String> environment, String... command)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).directory(directory.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        var out = process.getInputStream();
        var err = process.getErrorStream();
        var stdout = java.util.concurrent.CompletableFuture.supplyAsync(() -> read(out));
        var stderr = java.util.concurrent.CompletableFuture.supplyAsync(() -> read(err));
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 180 s");
        }
        return new Command(process.exitValue(), stdout.join(), stderr.join());
    }

    /** Fails with both outputs unless the command exited 0. */
    Command ok() {
        if (exitCode != 0) {
            throw new AssertionError("exit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr);
        }
        return this;
    }

    private static String read(java.io.InputStream stream) {
        try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
