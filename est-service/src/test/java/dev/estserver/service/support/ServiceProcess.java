package dev.estserver.service.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The packaged service ({@code target/quarkus-app}) as a process of its own, as operators run it. */
public final class ServiceProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");

    private final Process process;
    private final Path log;

    private ServiceProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts the jar with these system properties; output goes to a log file. */
    public static ServiceProcess start(List<String> systemProperties) throws IOException {
        Path log = Files.createTempFile("est-it", ".log");
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(systemProperties);
        command.addAll(List.of("-jar", JAR.toString()));
        return new ServiceProcess(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .start(), log);
    }

    /** Waits until readiness on the management port answers 200; fails with the log otherwise. */
    public ServiceProcess awaitReady(int managementPort) throws Exception {
        Shell sh = new Shell(Path.of("."));
        String ready = "";
        for (int i = 0; i < 120 && !ready.equals("200") && process.isAlive(); i++) {
            Thread.sleep(500);
            ready = sh.run("curl -s -o /dev/null -w '%{http_code}' http://localhost:" + managementPort
                    + "/q/health/ready").stdout();
        }
        if (!ready.equals("200")) {
            throw new AssertionError("the service did not become ready; log:\n" + log());
        }
        return this;
    }

    /** Waits for the process to exit on its own and returns its exit code. */
    public int awaitExit() throws Exception {
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the service did not exit; log:\n" + log());
        }
        return process.exitValue();
    }

    public String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
