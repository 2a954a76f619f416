package dev.estserver.bench.load;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a scenario measured. Only enrollments that started and finished inside the measured window count.
 *
 * @param enrollments  verified successes: 200, a certs-only PKCS#7 whose certificate carries the CSR's key and subject
 * @param errors       every other outcome (other statuses, bad bodies, I/O failures), never counted as success
 * @param errorKinds   errors by kind, e.g. {@code http-500}, {@code wrong-public-key}, {@code io:SocketException}
 * @param errorSamples the first few error messages, for the report
 * @param measured     the measured window's real length
 * @param latencies    over the successful enrollments of the window
 */
public record LoadResult(long enrollments, long errors, Map<String, Long> errorKinds, List<String> errorSamples,
        Duration measured, Latencies latencies) {

    public double throughputPerSecond() {
        return enrollments / (measured.toNanos() / 1e9);
    }

    /** Latency percentiles in milliseconds. */
    public record Latencies(double p50, double p95, double p99, double max) {
    }
}
