package dev.estserver.bench.run;

import static dev.estserver.bench.run.CaAlgorithm.EC_P256;
import static dev.estserver.bench.run.CaAlgorithm.RSA_2048;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.estserver.bench.run.Targets.Outcome;
import dev.estserver.bench.run.Targets.Verdict;

class TargetsTest {

    private static final List<ScenarioResult> MEETING_EVERY_TARGET = List.of(
            Results.of("keep-alive", 64, EC_P256, 4000, 50.0, 0, 512),
            Results.of("new-connection", 64, EC_P256, 1000, 90, 0, 400),
            Results.of("connections-1000", 1000, EC_P256, 3000, 900, 0, 500),
            Results.of("keep-alive-1m", 64, EC_P256, 3600, 50, 0, 450));

    @Test
    void passesEveryTargetMetExactly() {
        assertThat(Targets.judge(MEETING_EVERY_TARGET)).extracting(Verdict::line).containsExactly(
                "target: PASS keep-alive conc=64 ca=ec-p256: ratio >= 0.40, p99 <= 50 ms, 0 errors "
                        + "(ratio=0.40 p99=50.0ms errors=0)",
                "target: PASS new-connection conc=64 ca=ec-p256: ratio >= 0.10 (ratio=0.10)",
                "target: PASS connections-1000 ca=ec-p256: 0 errors (errors=0)",
                "target: PASS keep-alive-1m conc=64 ca=ec-p256: throughput >= 90% of keep-alive conc=64 "
                        + "(360/s vs 400/s = 90%)",
                "target: PASS peak RSS <= 512 MiB in every scenario (largest 512 MiB in keep-alive conc=64 "
                        + "ca=ec-p256)");
    }

    @Test
    void failsTheKeepAliveTargetOnASlowP99EvenWithEnoughThroughput() {
        List<ScenarioResult> results = List.of(Results.of("keep-alive", 64, EC_P256, 9000, 50.1, 0, 300));

        assertThat(Targets.judge(results).getFirst().outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void failsTheKeepAliveTargetOnASingleError() {
        List<ScenarioResult> results = List.of(Results.of("keep-alive", 64, EC_P256, 9000, 5, 1, 300));

        assertThat(Targets.judge(results).getFirst().outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void judgesEachCaOnItsOwnEmptyDatabaseFigure() {
        List<ScenarioResult> results = List.of(
                Results.of("keep-alive", 64, EC_P256, 4000, 10, 0, 300),
                Results.of("keep-alive", 64, RSA_2048, 2000, 10, 0, 300),
                Results.of("keep-alive-1m", 64, EC_P256, 3000, 10, 0, 300),
                Results.of("keep-alive-1m", 64, RSA_2048, 1900, 10, 0, 300));

        assertThat(Targets.judge(results)).filteredOn(v -> v.target().startsWith("keep-alive-1m"))
                .extracting(Verdict::outcome).containsExactly(Outcome.FAIL, Outcome.PASS);
    }

    @Test
    void failsOnTheLargestRssOfAnyScenario() {
        List<ScenarioResult> results = List.of(Results.of("keep-alive", 1, EC_P256, 100, 1, 0, 200),
                Results.of("connections-1000", 1000, RSA_2048, 100, 1, 0, 513));

        assertThat(Targets.judge(results).getLast().line()).isEqualTo("target: FAIL peak RSS <= 512 MiB in every "
                + "scenario (largest 513 MiB in connections-1000 conc=1000 ca=rsa-2048)");
    }

    @Test
    void saysWhichTargetsWereNotRun() {
        List<ScenarioResult> results = List.of(Results.of("keep-alive", 2, RSA_2048, 100, 1, 0, 200));

        assertThat(Targets.judge(results)).extracting(Verdict::outcome).containsExactly(Outcome.NOT_RUN,
                Outcome.NOT_RUN, Outcome.NOT_RUN, Outcome.NOT_RUN, Outcome.PASS);
        assertThat(Targets.judge(results).getFirst().line()).startsWith("target: NOT RUN keep-alive conc=64");
    }
}
