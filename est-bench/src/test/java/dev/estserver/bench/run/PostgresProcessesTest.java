package dev.estserver.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class PostgresProcessesTest {

    @Test
    void countsTheBackendsOfTheBenchmarksDatabase() {
        assertThat(PostgresProcesses.counts("postgres: 15/main: est est_bench 127.0.0.1(51234) idle", "est_bench"))
                .isTrue();
        assertThat(PostgresProcesses.counts("postgres: 15/main: autovacuum worker est_bench", "est_bench")).isTrue();
    }

    @Test
    void leavesOutBackendsOfOtherDatabases() {
        assertThat(PostgresProcesses.counts("postgres: 15/main: est est_bench_test 127.0.0.1(51234) INSERT",
                "est_bench")).isFalse();
        assertThat(PostgresProcesses.counts("postgres: est est 127.0.0.1(5123) idle", "est_bench")).isFalse();
    }

    @Test
    void countsTheSharedPostmasterAndAuxiliaryProcesses() {
        assertThat(PostgresProcesses.counts("/usr/lib/postgresql/15/bin/postgres -D /var/lib/postgresql/15/main",
                "est_bench")).isTrue();
        assertThat(PostgresProcesses.counts("postgres: 15/main: walwriter", "est_bench")).isTrue();
        assertThat(PostgresProcesses.counts("postgres: checkpointer", "est_bench")).isTrue();
    }

    @Test
    void cpuSpentCountsNewProcessesFromZero() {
        Map<Long, Long> before = Map.of(10L, 100L, 11L, 50L);
        Map<Long, Long> after = Map.of(10L, 130L, 11L, 50L, 12L, 7L);

        assertThat(PostgresProcesses.spent(before, after)).isEqualTo(30 + 7);
    }
}
