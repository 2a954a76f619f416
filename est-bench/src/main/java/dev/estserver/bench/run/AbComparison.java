package dev.estserver.bench.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** One scenario with one CA on both provider sets: what the native set gains over the JDK's. */
record AbComparison(ScenarioResult nativeResult, ScenarioResult jdkResult) {

    /**
     * Every scenario both sets ran with the same CA, in the order of the native runs; none unless both sets ran.
     */
    static List<AbComparison> of(List<ScenarioResult> results) {
        return results.stream().filter(r -> r.provider() == ProviderSet.NATIVE)
                .flatMap(n -> jdkCounterpart(results, n).map(j -> new AbComparison(n, j)).stream()).toList();
    }

    private static Optional<ScenarioResult> jdkCounterpart(List<ScenarioResult> results, ScenarioResult nativeResult) {
        return results.stream().filter(r -> r.provider() == ProviderSet.JDK && r.ca() == nativeResult.ca()
                && r.scenario().equals(nativeResult.scenario())).findFirst();
    }

    /** Native throughput over the JDK's: above 1 where native is faster. */
    double throughputRatio() {
        return nativeResult.throughput() / jdkResult.throughput();
    }

    String line() {
        Scenario scenario = nativeResult.scenario();
        return String.format(Locale.ROOT, "ab: ca=%s %s conc=%d: %s | %s | native/jdk %.2fx", nativeResult.ca().id(),
                scenario.name(), scenario.concurrency(), side(nativeResult), side(jdkResult), throughputRatio());
    }

    private static String side(ScenarioResult result) {
        return String.format(Locale.ROOT, "%s %d/s p99 %.1fms errors %d", result.provider().id(),
                Math.round(result.throughput()), result.load().latencies().p99(), result.load().errors());
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("line", line());
        json.put("scenario", nativeResult.scenario().name());
        json.put("concurrency", nativeResult.scenario().concurrency());
        json.put("nativePerSecond", nativeResult.throughput());
        json.put("jdkPerSecond", jdkResult.throughput());
        json.put("throughputNativeOverJdk", throughputRatio());
        json.put("nativeP99Ms", nativeResult.load().latencies().p99());
        json.put("jdkP99Ms", jdkResult.load().latencies().p99());
        json.put("p99NativeOverJdk", nativeResult.load().latencies().p99() / jdkResult.load().latencies().p99());
        json.put("nativeErrors", nativeResult.load().errors());
        json.put("jdkErrors", jdkResult.load().errors());
        return json;
    }
}
