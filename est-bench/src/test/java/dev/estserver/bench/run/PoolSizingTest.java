package dev.estserver.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class PoolSizingTest {

    @Test
    void coversTheCryptoLimitOverWarmupAndMeasurementWithAFifthMore() {
        assertThat(PoolSizing.csrs(100, Duration.ofSeconds(5), Duration.ofSeconds(15), 64)).isEqualTo(2400);
    }

    @Test
    void roundsUp() {
        assertThat(PoolSizing.csrs(333.3, Duration.ofSeconds(1), Duration.ofSeconds(2), 1)).isEqualTo(1200);
    }

    @Test
    void givesEveryWorkerAtLeastOneRequest() {
        assertThat(PoolSizing.csrs(10, Duration.ofMillis(100), Duration.ofMillis(100), 1000)).isEqualTo(1000);
    }
}
