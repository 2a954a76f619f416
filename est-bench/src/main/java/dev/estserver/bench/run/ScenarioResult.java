package dev.estserver.bench.run;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.estserver.bench.load.LoadResult;

/**
 * One scenario's figures against one CA with one provider set.
 *
 * @param limit             that provider set's crypto limit measured before the CA's scenarios, in operations per
 *                          second
 * @param serverCpuSeconds  the service process's user + system CPU inside the measured window
 * @param postgresCpuSeconds the same for the PostgreSQL processes that serve the benchmark's database
 * @param clientCpuSeconds  the load generator's own CPU inside the window, as context: it shares the machine
 * @param peakRssKib        the service's largest resident set over warm-up and measurement
 */
record ScenarioResult(Scenario scenario, CaAlgorithm ca, ProviderSet provider, LoadResult load, double limit,
        double serverCpuSeconds, double postgresCpuSeconds, double clientCpuSeconds, long peakRssKib) {

    double throughput() {
        return load.throughputPerSecond();
    }

    double ratio() {
        return throughput() / limit;
    }

    long peakRssMib() {
        return Math.round(peakRssKib / 1024.0);
    }

    double serverCpuMsPerEnrollment() {
        return perEnrollmentMs(serverCpuSeconds);
    }

    double postgresCpuMsPerEnrollment() {
        return perEnrollmentMs(postgresCpuSeconds);
    }

    private double perEnrollmentMs(double seconds) {
        return load.enrollments() == 0 ? Double.NaN : seconds * 1000 / load.enrollments();
    }

    /** The line the issue specifies, one per scenario. */
    String summaryLine() {
        return String.format(Locale.ROOT, "bench: %s ca=%s provider=%s conc=%d throughput=%d/s limit=%d/s ratio=%.2f "
                + "p99=%.1fms errors=%d rss=%d", scenario.name(), ca.id(), provider.id(), scenario.concurrency(),
                Math.round(throughput()), Math.round(limit), ratio(), load.latencies().p99(), load.errors(),
                peakRssMib());
    }

    /** The rest, indented under the summary line. */
    String detailLine() {
        String line = String.format(Locale.ROOT, "    provider=%s p50=%.1fms p95=%.1fms max=%.1fms enrollments=%d "
                + "window=%.1fs server-cpu=%.2fms/enrollment postgres-cpu=%.2fms/enrollment client-cpu=%.1fs",
                provider.id(), load.latencies().p50(), load.latencies().p95(), load.latencies().max(),
                load.enrollments(), load.measured().toNanos() / 1e9, serverCpuMsPerEnrollment(),
                postgresCpuMsPerEnrollment(), clientCpuSeconds);
        if (load.errors() > 0) {
            line += " error-kinds=" + load.errorKinds() + " error-samples=" + load.errorSamples();
        }
        return line;
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("summary", summaryLine());
        json.put("scenario", scenario.name());
        json.put("ca", ca.id());
        json.put("provider", provider.id());
        json.put("connections", scenario.connections().name());
        json.put("concurrency", scenario.concurrency());
        json.put("throughputPerSecond", throughput());
        json.put("limitPerSecond", limit);
        json.put("ratio", ratio());
        json.put("enrollments", load.enrollments());
        json.put("errors", load.errors());
        json.put("errorKinds", load.errorKinds());
        json.put("errorSamples", load.errorSamples());
        json.put("measuredSeconds", load.measured().toNanos() / 1e9);
        Map<String, Object> latency = new LinkedHashMap<>();
        latency.put("p50", load.latencies().p50());
        latency.put("p95", load.latencies().p95());
        latency.put("p99", load.latencies().p99());
        latency.put("max", load.latencies().max());
        json.put("latencyMs", latency);
        json.put("serverCpuMsPerEnrollment", serverCpuMsPerEnrollment());
        json.put("postgresCpuMsPerEnrollment", postgresCpuMsPerEnrollment());
        json.put("serverCpuSeconds", serverCpuSeconds);
        json.put("postgresCpuSeconds", postgresCpuSeconds);
        json.put("clientCpuSeconds", clientCpuSeconds);
        json.put("peakRssMib", peakRssMib());
        return json;
    }
}
