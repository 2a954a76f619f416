package dev.estserver.bench.run;

import java.lang.management.ManagementFactory;
import java.util.Map;

import com.sun.management.OperatingSystemMXBean;

import dev.estserver.bench.load.MeasurementListener;

/**
 * The CPU time the server, PostgreSQL and the load generator itself spend inside the measured window, sampled when
 * the load generator opens and closes it.
 */
final class CpuWindow implements MeasurementListener {

    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final long serverPid;
    private final PostgresProcesses postgres;

    private volatile long serverStart;
    private volatile long serverEnd;
    private volatile Map<Long, Long> postgresStart = Map.of();
    private volatile Map<Long, Long> postgresEnd = Map.of();
    private volatile long clientStartNanos;
    private volatile long clientEndNanos;

    CpuWindow(long serverPid, PostgresProcesses postgres) {
        this.serverPid = serverPid;
        this.postgres = postgres;
    }

    @Override
    public void measurementStarted() {
        serverStart = serverTicks();
        postgresStart = postgres.cpuTicks();
        clientStartNanos = OS.getProcessCpuTime();
    }

    @Override
    public void measurementEnded() {
        serverEnd = serverTicks();
        postgresEnd = postgres.cpuTicks();
        clientEndNanos = OS.getProcessCpuTime();
    }

    private long serverTicks() {
        return LinuxProc.cpuTicks(serverPid).orElseThrow(
                () -> new IllegalStateException("the service (pid " + serverPid + ") exited during the scenario"));
    }

    double serverSeconds() {
        return LinuxProc.seconds(serverEnd - serverStart);
    }

    double postgresSeconds() {
        return LinuxProc.seconds(PostgresProcesses.spent(postgresStart, postgresEnd));
    }

    double clientSeconds() {
        return (clientEndNanos - clientStartNanos) / 1e9;
    }
}
