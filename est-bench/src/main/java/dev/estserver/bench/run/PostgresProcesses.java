package dev.estserver.bench.run;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The PostgreSQL processes that work for the benchmark: the backends and autovacuum workers of its database, and
 * the cluster's postmaster and auxiliary processes (WAL writer, checkpointer...), which every database shares.
 * Backends of other databases on the same cluster are left out.
 */
final class PostgresProcesses {

    private static final List<String> AUXILIARY = List.of("checkpointer", "background writer", "walwriter",
            "autovacuum launcher", "logical replication launcher", "archiver", "stats collector");

    private final String database;

    PostgresProcesses(String database) {
        this.database = database;
    }

    /**
     * Whether a postgres process with this title counts: the postmaster (its title is its command line), an
     * auxiliary process, or a process whose title names the database ({@code postgres: 15/main: est est_bench ...}).
     */
    static boolean counts(String title, String database) {
        if (!title.startsWith("postgres:")) {
            return true;
        }
        if (AUXILIARY.stream().anyMatch(title::endsWith)) {
            return true;
        }
        return List.of(title.split("\\s+")).contains(database);
    }

    /** CPU ticks of each counted process now, by pid. */
    Map<Long, Long> cpuTicks() {
        Map<Long, Long> ticks = new HashMap<>();
        ProcessHandle.allProcesses()
                .filter(p -> p.info().command().filter(c -> c.endsWith("/postgres")).isPresent())
                .forEach(p -> LinuxProc.commandLine(p.pid()).filter(title -> counts(title, database))
                        .ifPresent(title -> {
                            OptionalLong cpu = LinuxProc.cpuTicks(p.pid());
                            if (cpu.isPresent()) {
                                ticks.put(p.pid(), cpu.getAsLong());
                            }
                        }));
        return ticks;
    }

    /**
     * CPU ticks spent between two snapshots: a process that started in between counts from zero; one that exited
     * in between is lost, which connection pools make rare.
     */
    static long spent(Map<Long, Long> before, Map<Long, Long> after) {
        return after.entrySet().stream().mapToLong(e -> e.getValue() - before.getOrDefault(e.getKey(), 0L)).sum();
    }
}
