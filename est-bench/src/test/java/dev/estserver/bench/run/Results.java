package dev.estserver.bench.run;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.estserver.bench.load.ConnectionMode;
import dev.estserver.bench.load.LoadResult;

/** Scenario results made up for the tests of what is computed from them. */
final class Results {

    private Results() {
    }

    /** {@code enrollments} in 10 s, against a limit of 1000/s, so throughput/10 is also the ratio in per cent. */
    static ScenarioResult of(String scenario, int concurrency, CaAlgorithm ca, long enrollments, double p99,
            long errors, long rssMib) {
        return of(scenario, concurrency, ca, ProviderSet.NATIVE, enrollments, p99, errors, rssMib);
    }

    static ScenarioResult of(String scenario, int concurrency, CaAlgorithm ca, ProviderSet provider, long enrollments,
            double p99, long errors, long rssMib) {
        LoadResult load = new LoadResult(enrollments, errors, errors == 0 ? Map.of() : Map.of("http-500", errors),
                errors == 0 ? List.of() : List.of("500 Internal Server Error"), Duration.ofSeconds(10),
                new LoadResult.Latencies(p99 / 4, p99 / 2, p99, p99 * 2));
        return new ScenarioResult(new Scenario(scenario, ConnectionMode.KEEP_ALIVE, concurrency,
                scenario.endsWith("-1m")), ca, provider, load, 1000, 5, 1, 3, rssMib * 1024);
    }
}
