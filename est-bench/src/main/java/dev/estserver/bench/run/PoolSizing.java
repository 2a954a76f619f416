package dev.estserver.bench.run;

import java.time.Duration;

/**
 * How many CSRs a scenario needs: no server gets through more than the machine's crypto limit, so the limit over
 * the whole scenario with a fifth more is enough, and never less than one per worker.
 */
final class PoolSizing {

    private PoolSizing() {
    }

    static int csrs(double limitPerSecond, Duration warmup, Duration duration, int concurrency) {
        double seconds = warmup.plus(duration).toNanos() / 1e9;
        long size = (long) Math.ceil(limitPerSecond * seconds * 6 / 5);
        return (int) Math.min(Integer.MAX_VALUE, Math.max(size, concurrency));
    }
}
