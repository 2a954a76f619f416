package dev.estserver.bench.load;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What a scenario measured. Only enrollments that complete (are verified or fail) inside the measured window count,
 * wherever they started; those in flight at its end are let finish but not counted. Running out of pre-generated
 * requests counts as an error ({@code csr-pool-exhausted}) whenever it happens, since it invalidates the scenario.
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

        /**
         * Nearest-rank percentiles (the smallest value with at least p% of the samples at or below it); all zero
         * when there is no sample. Sorts {@code nanos} in place.
         */
        public static Latencies of(long[] nanos) {
            if (nanos.length == 0) {
                return new Latencies(0, 0, 0, 0);
            }
            Arrays.sort(nanos);
            return new Latencies(percentile(nanos, 50), percentile(nanos, 95), percentile(nanos, 99),
                    millis(nanos[nanos.length - 1]));
        }

        private static double percentile(long[] sorted, int percent) {
            // ceil(percent * n / 100) in integers: in doubles 95 / 100.0 * 100 rounds up to rank 96.
            long rank = ((long) percent * sorted.length + 99) / 100;
            return millis(sorted[(int) Math.max(rank, 1) - 1]);
        }

        private static double millis(long nanos) {
            return nanos / 1e6;
        }
    }
}
