package dev.estserver.bench.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Issue 6's targets, judged on the native provider set's runs where it ran, else on the JDK's (what operators run by
 * default, where it can); then issue 18's comparison of the two ({@link AbTargets}); then the memory of every run.
 */
final class Targets {

    static final double KEEP_ALIVE_RATIO = 0.40;
    static final double KEEP_ALIVE_P99_MS = 50;
    static final double NEW_CONNECTION_RATIO = 0.10;
    static final double SEEDED_SHARE = 0.90;
    static final long PEAK_RSS_MIB = 512;

    enum Outcome {
        PASS, FAIL, NOT_RUN
    }

    /** @param measured what was seen, or why nothing was */
    record Verdict(String target, Outcome outcome, String measured) {

        static Verdict of(String target, boolean passed, String measured) {
            return new Verdict(target, passed ? Outcome.PASS : Outcome.FAIL, measured);
        }

        static Verdict notRun(String target, String why) {
            return new Verdict(target, Outcome.NOT_RUN, why);
        }

        String line() {
            return "target: " + outcome.name().replace('_', ' ') + " " + target + " (" + measured + ")";
        }

        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("target", target);
            json.put("outcome", outcome.name());
            json.put("measured", measured);
            return json;
        }
    }

    private Targets() {
    }

    static List<Verdict> judge(List<ScenarioResult> results) {
        ProviderSet judged = results.stream().anyMatch(r -> r.provider() == ProviderSet.NATIVE) ? ProviderSet.NATIVE
                : ProviderSet.JDK;
        List<ScenarioResult> runs = results.stream().filter(r -> r.provider() == judged).toList();
        List<Verdict> verdicts = new ArrayList<>();
        verdicts.add(keepAlive(runs, judged));
        List<CaAlgorithm> cas = runs.stream().map(ScenarioResult::ca).distinct().toList();
        for (CaAlgorithm ca : cas) {
            verdicts.add(newConnection(runs, ca, judged));
        }
        for (CaAlgorithm ca : cas) {
            verdicts.add(thousandConnections(runs, ca, judged));
        }
        for (CaAlgorithm ca : cas) {
            verdicts.add(seeded(runs, ca, judged));
        }
        verdicts.addAll(new AbTargets(results).judge());
        verdicts.add(peakRss(results));
        return verdicts;
    }

    private static Verdict keepAlive(List<ScenarioResult> results, ProviderSet provider) {
        String target = String.format(Locale.ROOT, "keep-alive conc=64 ca=%s provider=%s: ratio >= %.2f, p99 <= %.0f "
                + "ms, 0 errors", CaAlgorithm.EC_P256.id(), provider.id(), KEEP_ALIVE_RATIO, KEEP_ALIVE_P99_MS);
        return find(results, "keep-alive", 64, CaAlgorithm.EC_P256).map(r -> Verdict.of(target,
                r.ratio() >= KEEP_ALIVE_RATIO && r.load().latencies().p99() <= KEEP_ALIVE_P99_MS
                        && r.load().errors() == 0,
                String.format(Locale.ROOT, "ratio=%.2f p99=%.1fms errors=%d", r.ratio(), r.load().latencies().p99(),
                        r.load().errors())))
                .orElseGet(() -> notRun(target));
    }

    private static Verdict newConnection(List<ScenarioResult> results, CaAlgorithm ca, ProviderSet provider) {
        String target = String.format(Locale.ROOT, "new-connection conc=64 ca=%s provider=%s: ratio >= %.2f",
                ca.id(), provider.id(), NEW_CONNECTION_RATIO);
        return find(results, "new-connection", 64, ca).map(r -> Verdict.of(target, r.ratio() >= NEW_CONNECTION_RATIO,
                String.format(Locale.ROOT, "ratio=%.2f", r.ratio()))).orElseGet(() -> notRun(target));
    }

    private static Verdict thousandConnections(List<ScenarioResult> results, CaAlgorithm ca, ProviderSet provider) {
        String target = "connections-1000 ca=" + ca.id() + " provider=" + provider.id() + ": 0 errors";
        return find(results, "connections-1000", 1000, ca).map(r -> Verdict.of(target, r.load().errors() == 0,
                "errors=" + r.load().errors())).orElseGet(() -> notRun(target));
    }

    private static Verdict seeded(List<ScenarioResult> results, CaAlgorithm ca, ProviderSet provider) {
        String target = String.format(Locale.ROOT, "keep-alive-1m conc=64 ca=%s provider=%s: throughput >= %.0f%% of "
                + "keep-alive conc=64", ca.id(), provider.id(), SEEDED_SHARE * 100);
        Optional<ScenarioResult> seeded = find(results, "keep-alive-1m", 64, ca);
        Optional<ScenarioResult> empty = find(results, "keep-alive", 64, ca);
        if (seeded.isEmpty() || empty.isEmpty()) {
            return notRun(target);
        }
        double share = seeded.get().throughput() / empty.get().throughput();
        return Verdict.of(target, share >= SEEDED_SHARE, String.format(Locale.ROOT, "%d/s vs %d/s = %.0f%%",
                Math.round(seeded.get().throughput()), Math.round(empty.get().throughput()), share * 100));
    }

    private static Verdict peakRss(List<ScenarioResult> results) {
        String target = "peak RSS <= " + PEAK_RSS_MIB + " MiB in every scenario of every provider set";
        return results.stream().max((a, b) -> Long.compare(a.peakRssKib(), b.peakRssKib()))
                .map(r -> Verdict.of(target, r.peakRssMib() <= PEAK_RSS_MIB, "largest " + r.peakRssMib() + " MiB in "
                        + r.scenario().name() + " conc=" + r.scenario().concurrency() + " ca=" + r.ca().id()
                        + " provider=" + r.provider().id()))
                .orElseGet(() -> notRun(target));
    }

    private static Optional<ScenarioResult> find(List<ScenarioResult> results, String name, int concurrency,
            CaAlgorithm ca) {
        return results.stream().filter(r -> r.scenario().name().equals(name)
                && r.scenario().concurrency() == concurrency && r.ca() == ca).findFirst();
    }

    static Verdict notRun(String target) {
        return Verdict.notRun(target, "scenario not run");
    }
}
