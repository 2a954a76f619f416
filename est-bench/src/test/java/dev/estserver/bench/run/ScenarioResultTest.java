package dev.estserver.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScenarioResultTest {

    @Test
    void summaryLineIsTheOneTheIssueSpecifies() {
        ScenarioResult result = Results.of("keep-alive", 64, CaAlgorithm.EC_P256, 4567, 12.345, 0, 300);

        assertThat(result.summaryLine()).isEqualTo("bench: keep-alive ca=ec-p256 provider=native conc=64 "
                + "throughput=457/s limit=1000/s ratio=0.46 p99=12.3ms errors=0 rss=300");
    }

    @Test
    void detailLineGivesTheOtherPercentilesAndCpuPerEnrollment() {
        ScenarioResult result = Results.of("keep-alive", 8, CaAlgorithm.RSA_2048, ProviderSet.JDK, 1000, 8, 0, 200);

        // 5 s of server CPU and 1 s of PostgreSQL CPU over 1000 enrollments
        assertThat(result.detailLine()).isEqualTo("    provider=jdk p50=2.0ms p95=4.0ms max=16.0ms enrollments=1000 "
                + "window=10.0s server-cpu=5.00ms/enrollment postgres-cpu=1.00ms/enrollment client-cpu=3.0s");
    }

    @Test
    void detailLineNamesTheErrors() {
        ScenarioResult result = Results.of("connections-1000", 1000, CaAlgorithm.EC_P256, 1000, 8, 3, 200);

        assertThat(result.detailLine()).endsWith(" error-kinds={http-500=3} error-samples=[500 Internal Server Error]");
    }

    @Test
    void noEnrollmentsMeansNoCpuPerEnrollmentRatherThanAnInfiniteOne() {
        ScenarioResult result = Results.of("keep-alive", 1, CaAlgorithm.EC_P256, 0, Double.NaN, 10, 100);

        assertThat(result.serverCpuMsPerEnrollment()).isNaN();
        assertThat(result.summaryLine()).contains("throughput=0/s", "errors=10");
    }

    @Test
    void jsonCarriesTheSummaryFigures() {
        ScenarioResult result = Results.of("keep-alive", 64, CaAlgorithm.EC_P256, 4567, 12.5, 0, 300);

        assertThat(result.toJson()).containsEntry("summary", result.summaryLine())
                .containsEntry("scenario", "keep-alive").containsEntry("ca", "ec-p256")
                .containsEntry("provider", "native")
                .containsEntry("concurrency", 64).containsEntry("throughputPerSecond", 456.7)
                .containsEntry("limitPerSecond", 1000.0).containsEntry("errors", 0L).containsEntry("peakRssMib", 300L);
    }
}
