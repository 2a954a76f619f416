package dev.estserver.bench.run;

import static dev.estserver.bench.run.CaAlgorithm.EC_P256;
import static dev.estserver.bench.run.CaAlgorithm.RSA_2048;
import static dev.estserver.bench.run.ProviderSet.JDK;
import static dev.estserver.bench.run.ProviderSet.NATIVE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
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

    /** Both provider sets, native exactly at every comparison target; throughput is enrollments / 10. */
    private static final List<ScenarioResult> MEETING_EVERY_COMPARISON = List.of(
            Results.of("keep-alive", 64, EC_P256, NATIVE, 18000, 50, 0, 300),
            Results.of("keep-alive", 8, EC_P256, NATIVE, 9000, 10, 0, 300),
            Results.of("new-connection", 64, EC_P256, NATIVE, 3000, 99.9, 0, 300),
            Results.of("keep-alive", 1, RSA_2048, NATIVE, 950, 2, 0, 300),
            Results.of("keep-alive", 64, RSA_2048, NATIVE, 9600, 60, 0, 300),
            Results.of("keep-alive", 64, EC_P256, JDK, 10000, 90, 0, 300),
            Results.of("keep-alive", 8, EC_P256, JDK, 5000, 20, 0, 300),
            Results.of("new-connection", 64, EC_P256, JDK, 2000, 100, 0, 300),
            Results.of("keep-alive", 1, RSA_2048, JDK, 1000, 2, 0, 300),
            Results.of("keep-alive", 64, RSA_2048, JDK, 9000, 60, 0, 300));

    @Test
    void passesEveryTargetMetExactly() {
        assertThat(Targets.judge(MEETING_EVERY_TARGET)).extracting(Verdict::line).containsExactly(
                "target: PASS keep-alive conc=64 ca=ec-p256 provider=native: ratio >= 0.40, p99 <= 50 ms, 0 errors "
                        + "(ratio=0.40 p99=50.0ms errors=0)",
                "target: PASS new-connection conc=64 ca=ec-p256 provider=native: ratio >= 0.10 (ratio=0.10)",
                "target: PASS connections-1000 ca=ec-p256 provider=native: 0 errors (errors=0)",
                "target: PASS keep-alive-1m conc=64 ca=ec-p256 provider=native: throughput >= 90% of keep-alive "
                        + "conc=64 (360/s vs 400/s = 90%)",
                "target: NOT RUN keep-alive conc=64 ca=ec-p256: native/jdk throughput >= 1.80, native p99 <= 50 ms, "
                        + "native 0 errors (needs both provider sets: --providers native,jdk)",
                "target: NOT RUN keep-alive conc=8 ca=ec-p256: native/jdk throughput >= 1.80 (needs both provider "
                        + "sets: --providers native,jdk)",
                "target: NOT RUN new-connection conc=64 ca=ec-p256: native/jdk throughput >= 1.50, native p99 < jdk "
                        + "p99 (needs both provider sets: --providers native,jdk)",
                "target: NOT RUN rsa-2048: native throughput >= 0.95 x jdk in every scenario both ran (no slower, 5% "
                        + "for noise) (needs both provider sets: --providers native,jdk)",
                "target: PASS peak RSS <= 512 MiB in every scenario of every provider set (largest 512 MiB in "
                        + "keep-alive conc=64 ca=ec-p256 provider=native)");
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
    void judgesTodaysTargetsOnTheNativeRunWhenBothRan() {
        List<ScenarioResult> results = List.of(Results.of("keep-alive", 64, EC_P256, NATIVE, 9000, 60, 0, 300),
                Results.of("keep-alive", 64, EC_P256, JDK, 9000, 10, 0, 300));

        assertThat(Targets.judge(results).getFirst().line()).isEqualTo("target: FAIL keep-alive conc=64 ca=ec-p256 "
                + "provider=native: ratio >= 0.40, p99 <= 50 ms, 0 errors (ratio=0.90 p99=60.0ms errors=0)");
    }

    @Test
    void judgesTodaysTargetsOnTheJdkRunWhenItIsTheOnlyOne() {
        List<ScenarioResult> results = List.of(Results.of("keep-alive", 64, EC_P256, JDK, 9000, 10, 0, 300));

        assertThat(Targets.judge(results).getFirst().line()).isEqualTo("target: PASS keep-alive conc=64 ca=ec-p256 "
                + "provider=jdk: ratio >= 0.40, p99 <= 50 ms, 0 errors (ratio=0.90 p99=10.0ms errors=0)");
    }

    @Test
    void passesEveryComparisonMetExactly() {
        assertThat(comparisons(MEETING_EVERY_COMPARISON)).extracting(Verdict::line).containsExactly(
                "target: PASS keep-alive conc=64 ca=ec-p256: native/jdk throughput >= 1.80, native p99 <= 50 ms, "
                        + "native 0 errors (native/jdk 1.80x, 1800/s vs 1000/s, native p99=50.0ms errors=0)",
                "target: PASS keep-alive conc=8 ca=ec-p256: native/jdk throughput >= 1.80 (native/jdk 1.80x, 900/s "
                        + "vs 500/s)",
                "target: PASS new-connection conc=64 ca=ec-p256: native/jdk throughput >= 1.50, native p99 < jdk p99 "
                        + "(native/jdk 1.50x, 300/s vs 200/s, p99 native 99.9ms vs jdk 100.0ms)",
                "target: PASS rsa-2048: native throughput >= 0.95 x jdk in every scenario both ran (no slower, 5% "
                        + "for noise) (lowest native/jdk 0.95x in keep-alive conc=1, of 2 scenarios)");
    }

    @Test
    void failsEachComparisonJustBelowItsTarget() {
        List<ScenarioResult> results = new ArrayList<>(MEETING_EVERY_COMPARISON);
        results.set(0, Results.of("keep-alive", 64, EC_P256, NATIVE, 18000, 50, 1, 300));
        results.set(1, Results.of("keep-alive", 8, EC_P256, NATIVE, 8999, 10, 0, 300));
        results.set(2, Results.of("new-connection", 64, EC_P256, NATIVE, 3000, 100, 0, 300));
        results.set(4, Results.of("keep-alive", 64, RSA_2048, NATIVE, 8549, 60, 0, 300));

        assertThat(comparisons(results)).extracting(Verdict::outcome).containsOnly(Outcome.FAIL);
        assertThat(comparisons(results).getLast().measured()).isEqualTo("lowest native/jdk 0.95x in keep-alive "
                + "conc=64, of 2 scenarios");
    }

    @Test
    void failsTheKeepAliveComparisonOnASlowNativeP99() {
        List<ScenarioResult> results = new ArrayList<>(MEETING_EVERY_COMPARISON);
        results.set(0, Results.of("keep-alive", 64, EC_P256, NATIVE, 18000, 50.1, 0, 300));

        assertThat(comparisons(results).getFirst().outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void comparisonsOfScenariosThatDidNotRunOnBothAreNotRun() {
        List<ScenarioResult> results = List.of(Results.of("keep-alive", 64, EC_P256, NATIVE, 18000, 50, 0, 300),
                Results.of("keep-alive", 64, EC_P256, JDK, 10000, 90, 0, 300),
                Results.of("new-connection", 64, EC_P256, JDK, 2000, 100, 0, 300));

        assertThat(comparisons(results)).extracting(Verdict::outcome).containsExactly(Outcome.PASS, Outcome.NOT_RUN,
                Outcome.NOT_RUN, Outcome.NOT_RUN);
        assertThat(comparisons(results).subList(1, 4)).extracting(Verdict::measured).containsOnly("scenario not run");
    }

    @Test
    void failsOnTheLargestRssOfAnyScenarioOfAnyProvider() {
        List<ScenarioResult> results = List.of(Results.of("keep-alive", 1, EC_P256, 100, 1, 0, 200),
                Results.of("connections-1000", 1000, RSA_2048, JDK, 100, 1, 0, 513));

        assertThat(Targets.judge(results).getLast().line()).isEqualTo("target: FAIL peak RSS <= 512 MiB in every "
                + "scenario of every provider set (largest 513 MiB in connections-1000 conc=1000 ca=rsa-2048 "
                + "provider=jdk)");
    }

    @Test
    void saysWhichTargetsWereNotRun() {
        List<ScenarioResult> results = List.of(Results.of("keep-alive", 2, RSA_2048, 100, 1, 0, 200));

        assertThat(Targets.judge(results)).extracting(Verdict::outcome).containsExactly(Outcome.NOT_RUN,
                Outcome.NOT_RUN, Outcome.NOT_RUN, Outcome.NOT_RUN, Outcome.NOT_RUN, Outcome.NOT_RUN, Outcome.NOT_RUN,
                Outcome.NOT_RUN, Outcome.PASS);
        assertThat(Targets.judge(results).getFirst().line()).startsWith("target: NOT RUN keep-alive conc=64");
    }

    /** Issue 18's verdicts, which follow issue 6's and come before the memory's. */
    private static List<Verdict> comparisons(List<ScenarioResult> results) {
        List<Verdict> verdicts = Targets.judge(results);
        return verdicts.subList(verdicts.size() - 5, verdicts.size() - 1);
    }
}
