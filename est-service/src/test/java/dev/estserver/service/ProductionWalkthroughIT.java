package dev.estserver.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.estserver.service.support.ShellWalkthrough;
import dev.estserver.service.support.ShellWalkthrough.Command;
import dev.estserver.service.support.TestPorts;

/**
 * The README's production walkthrough, run as a reader would: its commands in one bash session, in a directory of
 * its own, against the packaged service and the test database. Only the first three lines, which say where the jar
 * is and which ports and database to use, are replaced by the test's own; every other command runs as written and
 * must succeed, printing the output the README shows after it.
 */
class ProductionWalkthroughIT {

    private static final Path README = Path.of("../README.md");
    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
    private static final List<String> SETTINGS = List.of("export EST_JAR=", "export EST_PORT=",
            "export QUARKUS_DATASOURCE_JDBC_URL=");
    /** The ports the README uses, which the test's own replace in the output it shows. */
    private static final String README_CRL_PORT = "localhost:8080/";

    @TempDir
    Path dir;

    @Test
    void theReadmeProductionWalkthroughRunsCommandForCommand() throws Exception {
        List<Command> commands = ShellWalkthrough.of(README, "### Production walkthrough").commands();
        for (int i = 0; i < SETTINGS.size(); i++) {
            assertThat(commands.get(i).text()).as("command %d of the walkthrough", i + 1)
                    .startsWith(SETTINGS.get(i));
        }
        List<Command> steps = commands.subList(SETTINGS.size(), commands.size());
        int crlPort = freePort();
        Path output = Files.createDirectories(dir.resolve("output"));
        Path script = dir.resolve("walkthrough.sh");
        Files.writeString(script, script(steps, output));

        ProcessBuilder bash = new ProcessBuilder("bash", script.toString()).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("walkthrough.log").toFile());
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow()).getParent();
        bash.environment().putAll(Map.ofEntries(
                Map.entry("PATH", java + ":" + System.getenv("PATH")),
                Map.entry("EST_JAR", JAR.toString()),
                Map.entry("EST_PORT", String.valueOf(freePort())),
                Map.entry("MGMT_PORT", String.valueOf(freePort())),
                Map.entry("CRL_PORT", String.valueOf(crlPort)),
                Map.entry("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://localhost:5432/" + TestPorts.DATABASE),
                Map.entry("QUARKUS_DATASOURCE_USERNAME", "est"),
                Map.entry("QUARKUS_DATASOURCE_PASSWORD", "est"),
                // The test database holds what other tests left, such as the demo credential production refuses.
                Map.entry("QUARKUS_FLYWAY_CLEAN_AT_START", "true"),
                Map.entry("QUARKUS_FLYWAY_CLEAN_DISABLED", "false")));
        Process process = bash.start();
        boolean finished = process.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }

        for (int i = 0; i < steps.size(); i++) {
            Command step = steps.get(i);
            Path exit = output.resolve(i + ".exit");
            String shown = Files.exists(output.resolve(i + ".out")) ? Files.readString(output.resolve(i + ".out")) : "";
            if (!Files.exists(exit)) {
                fail("the walkthrough stopped at command " + step.text() + (finished ? "" : " (after 5 minutes)")
                        + "\n" + shown + serviceLog());
            }
            assertThat(Files.readString(exit).strip()).as("exit code of %s\noutput: %s%s", step.text(), shown,
                    serviceLog()).isEqualTo("0");
            if (!step.expected().isEmpty()) {
                List<String> expected = step.expected().stream()
                        .map(line -> line.replace(README_CRL_PORT, "localhost:" + crlPort + "/")).toList();
                assertThat(shown.lines().map(String::strip).toList()).as("output of %s", step.text())
                        .isEqualTo(expected);
            }
        }
    }

    /** Each command's output and exit code into files of its own; the service stops when the script does. */
    private static String script(List<Command> steps, Path output) {
        StringBuilder script = new StringBuilder("trap 'kill $(jobs -p) 2>/dev/null' EXIT\n");
        for (int i = 0; i < steps.size(); i++) {
            script.append("{\n").append(steps.get(i).text()).append("\n} > ").append(output.resolve(i + ".out"))
                    .append(" 2>&1\necho $? > ").append(output.resolve(i + ".exit")).append('\n');
        }
        return script.toString();
    }

    private String serviceLog() throws IOException {
        Path log = dir.resolve("est-production/est.log");
        return Files.exists(log) ? "\nservice log:\n" + Files.readString(log) : "";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
