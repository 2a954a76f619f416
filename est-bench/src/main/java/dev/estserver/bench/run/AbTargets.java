package dev.estserver.bench.run;

import static dev.estserver.bench.run.CaAlgorithm.EC_P256;
import static dev.estserver.bench.run.CaAlgorithm.RSA_2048;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

import dev.estserver.bench.run.Targets.Verdict;

/**
 * Issue 18's targets: what the native provider set gains over the JDK's, each judged on the two runs of one scenario
 * with one CA, and only when both sets ran.
 */
final class AbTargets {

    static final double KEEP_ALIVE_GAIN = 1.8;
    static final double NEW_CONNECTION_GAIN = 1.5;
    /** RSA signing costs about the same on both sets: native may not be slower, give or take the machine's noise. */
    static final double RSA_SHARE = 0.95;

    private final boolean bothRan;
    private final List<AbComparison> comparisons;

    AbTargets(List<ScenarioResult> results) {
        this.bothRan = results.stream().anyMatch(r -> r.provider() == ProviderSet.NATIVE)
                && results.stream().anyMatch(r -> r.provider() == ProviderSet.JDK);
        this.comparisons = AbComparison.of(results);
    }

    List<Verdict> judge() {
        return List.of(keepAlive64(), keepAlive8(), newConnection(), rsaNotSlower());
    }

    private Verdict keepAlive64() {
        String target = String.format(Locale.ROOT, "keep-alive conc=64 ca=%s: native/jdk throughput >= %.2f, native "
                + "p99 <= %.0f ms, native 0 errors", EC_P256.id(), KEEP_ALIVE_GAIN, Targets.KEEP_ALIVE_P99_MS);
        return judged(target, "keep-alive", 64, c -> c.throughputRatio() >= KEEP_ALIVE_GAIN
                && p99(c.nativeResult()) <= Targets.KEEP_ALIVE_P99_MS && c.nativeResult().load().errors() == 0,
                c -> String.format(Locale.ROOT, "%s, native p99=%.1fms errors=%d", gain(c), p99(c.nativeResult()),
                        c.nativeResult().load().errors()));
    }

    private Verdict keepAlive8() {
        String target = String.format(Locale.ROOT, "keep-alive conc=8 ca=%s: native/jdk throughput >= %.2f",
                EC_P256.id(), KEEP_ALIVE_GAIN);
        return judged(target, "keep-alive", 8, c -> c.throughputRatio() >= KEEP_ALIVE_GAIN, AbTargets::gain);
    }

    private Verdict newConnection() {
        String target = String.format(Locale.ROOT, "new-connection conc=64 ca=%s: native/jdk throughput >= %.2f, "
                + "native p99 < jdk p99", EC_P256.id(), NEW_CONNECTION_GAIN);
        return judged(target, "new-connection", 64, c -> c.throughputRatio() >= NEW_CONNECTION_GAIN
                && p99(c.nativeResult()) < p99(c.jdkResult()), c -> String.format(Locale.ROOT, "%s, p99 native "
                + "%.1fms vs jdk %.1fms", gain(c), p99(c.nativeResult()), p99(c.jdkResult())));
    }

    private Verdict rsaNotSlower() {
        String target = String.format(Locale.ROOT, "%s: native throughput >= %.2f x jdk in every scenario both ran "
                + "(no slower, %.0f%% for noise)", RSA_2048.id(), RSA_SHARE, (1 - RSA_SHARE) * 100);
        if (!bothRan) {
            return bothNotRun(target);
        }
        List<AbComparison> rsa = comparisons.stream().filter(c -> c.nativeResult().ca() == RSA_2048).toList();
        return rsa.stream().min(Comparator.comparingDouble(AbComparison::throughputRatio))
                .map(c -> Verdict.of(target, c.throughputRatio() >= RSA_SHARE, String.format(Locale.ROOT,
                        "lowest native/jdk %.2fx in %s conc=%d, of %d scenarios", c.throughputRatio(),
                        c.nativeResult().scenario().name(), c.nativeResult().scenario().concurrency(), rsa.size())))
                .orElseGet(() -> Targets.notRun(target));
    }

    /** The target on one ECDSA scenario's comparison. */
    private Verdict judged(String target, String scenario, int concurrency, Predicate<AbComparison> passed,
            Function<AbComparison, String> measured) {
        if (!bothRan) {
            return bothNotRun(target);
        }
        Optional<AbComparison> comparison = comparisons.stream().filter(c -> c.nativeResult().ca() == EC_P256
                && c.nativeResult().scenario().name().equals(scenario)
                && c.nativeResult().scenario().concurrency() == concurrency).findFirst();
        return comparison.map(c -> Verdict.of(target, passed.test(c), measured.apply(c)))
                .orElseGet(() -> Targets.notRun(target));
    }

    private static Verdict bothNotRun(String target) {
        return Verdict.notRun(target, "needs both provider sets: --providers native,jdk");
    }

    private static String gain(AbComparison c) {
        return String.format(Locale.ROOT, "native/jdk %.2fx, %d/s vs %d/s", c.throughputRatio(),
                Math.round(c.nativeResult().throughput()), Math.round(c.jdkResult().throughput()));
    }

    private static double p99(ScenarioResult result) {
        return result.load().latencies().p99();
    }
}
