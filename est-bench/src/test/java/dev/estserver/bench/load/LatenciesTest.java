package dev.estserver.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class LatenciesTest {

    private static final long MS = 1_000_000;

    @Test
    void takesNearestRankPercentilesInMillisecondsWhateverTheOrder() {
        long[] nanos = LongStream.rangeClosed(1, 100).map(i -> (101 - i) * MS).toArray();

        assertThat(LoadResult.Latencies.of(nanos)).isEqualTo(new LoadResult.Latencies(50, 95, 99, 100));
    }

    @Test
    void roundsRanksUpForSmallSamples() {
        long[] nanos = {3 * MS, 1 * MS, 2 * MS};

        assertThat(LoadResult.Latencies.of(nanos)).isEqualTo(new LoadResult.Latencies(2, 3, 3, 3));
    }

    @Test
    void keepsSubMillisecondPrecision() {
        assertThat(LoadResult.Latencies.of(new long[] {1_250_000})).isEqualTo(new LoadResult.Latencies(1.25, 1.25, 1.25, 1.25));
    }

    @Test
    void isAllZeroWithoutSamples() {
        assertThat(LoadResult.Latencies.of(new long[0])).isEqualTo(new LoadResult.Latencies(0, 0, 0, 0));
    }

    @Test
    void mergesTheWorkersSamplesBeyondTheirInitialCapacity() {
        LatencySamples first = new LatencySamples();
        LatencySamples second = new LatencySamples();
        LongStream.range(0, 5000).forEach(first::add);
        second.add(-1);

        assertThat(LatencySamples.merge(List.of(first, second))).hasSize(5001).endsWith(4999, -1);
    }
}
