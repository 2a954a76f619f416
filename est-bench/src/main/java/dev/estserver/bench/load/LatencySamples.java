package dev.estserver.bench.load;

import java.util.Arrays;
import java.util.List;

/** One worker's successful-enrollment latencies in nanoseconds: unsynchronised, so the hot path takes no lock. */
final class LatencySamples {

    private long[] nanos = new long[1024];
    private int size;

    void add(long latencyNanos) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = latencyNanos;
    }

    int size() {
        return size;
    }

    /** Call only once the workers that recorded them have finished. */
    static long[] merge(List<LatencySamples> all) {
        long[] merged = new long[all.stream().mapToInt(LatencySamples::size).sum()];
        int offset = 0;
        for (LatencySamples samples : all) {
            System.arraycopy(samples.nanos, 0, merged, offset, samples.size);
            offset += samples.size;
        }
        return merged;
    }
}
