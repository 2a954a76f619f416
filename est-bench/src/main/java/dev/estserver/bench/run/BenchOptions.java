package dev.estserver.bench.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code run} command's options; every one has the default {@code make bench} uses.
 *
 * @param providers     the crypto providers to compare, one service run each per CA, in this order
 * @param serviceWarmup how long each freshly started service is driven, unmeasured, before its first scenario, so
 *                      that no scenario measures the JIT compiler
 * @param limitWarmup   how long the crypto limit runs before it counts
 * @param limitDuration how long the crypto limit counts
 * @param seedRows      certificates in the database before the seeded scenario
 * @param serviceJar    the packaged service, relative to the repository root
 */
public record BenchOptions(List<CaAlgorithm> cas, List<ProviderSet> providers, List<Scenario> scenarios,
        Duration warmup, Duration duration, Duration serviceWarmup, Duration limitWarmup, Duration limitDuration,
        int seedRows, String database, Path out, Path serviceJar) {

    static final String USAGE = """
            usage: java -jar est-bench/target/est-bench.jar run [options]   (from the repository root)
              --cas ec-p256,rsa-2048        issuing CA key types, one service run each
              --providers native,jdk        crypto providers (est.crypto.provider): for each CA one service run and
                                            one crypto limit each, compared (A/B) when both run
              --scenarios <s>,...           keep-alive, new-connection, new-connection-resumed, connections-1000,
                                            keep-alive-1m; <name>:<concurrency> for one concurrency (default: all)
              --warmup 5s --duration 10s    per scenario: unmeasured warm-up, then the measured window
              --service-warmup 45s          unmeasured load on each freshly started service (JIT compilation)
              --limit-warmup 10s --limit-duration 5s  the crypto limit's warm-up and measurement
              --seed-rows 1000000           certificates seeded before keep-alive-1m
              --database est_bench          PostgreSQL database on localhost:5432 (role est/est), emptied at start;
                                            the second provider set's service uses <database>_<set> (make db)
              --out target/bench            PKI, service logs and the JSON report
              --service-jar est-service/target/quarkus-app/quarkus-run.jar
            The service's JVM options come from BENCH_SERVICE_JAVA_OPTS (default: %s).""".formatted(
            BenchService.DEFAULT_JAVA_OPTS);

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)");

    public static BenchOptions defaults() {
        return new BenchOptions(List.of(CaAlgorithm.values()), List.of(ProviderSet.values()), Scenario.ALL,
                Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(45), Duration.ofSeconds(10),
                Duration.ofSeconds(5), 1_000_000, "est_bench",
                Path.of("target/bench"), Path.of("est-service/target/quarkus-app/quarkus-run.jar"));
    }

    /** Parses {@code --name value} pairs; anything unknown or malformed fails with one line that names it. */
    public static BenchOptions parse(String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --<option> <value>, got '" + args[i] + "'"
                        + (i + 1 >= args.length ? " without a value" : ""));
            }
            values.put(args[i].substring(2), args[i + 1]);
        }
        BenchOptions d = defaults();
        BenchOptions options = new BenchOptions(
                values.containsKey("cas") ? list(values.remove("cas")).stream().map(CaAlgorithm::of).toList() : d.cas,
                values.containsKey("providers") ? providers(values.remove("providers")) : d.providers,
                values.containsKey("scenarios") ? Scenario.select(list(values.remove("scenarios"))) : d.scenarios,
                duration(values, "warmup", d.warmup), duration(values, "duration", d.duration),
                duration(values, "service-warmup", d.serviceWarmup),
                duration(values, "limit-warmup", d.limitWarmup), duration(values, "limit-duration", d.limitDuration),
                values.containsKey("seed-rows") ? positive("seed-rows", values.remove("seed-rows")) : d.seedRows,
                values.containsKey("database") ? values.remove("database") : d.database,
                values.containsKey("out") ? Path.of(values.remove("out")) : d.out,
                values.containsKey("service-jar") ? Path.of(values.remove("service-jar")) : d.serviceJar);
        if (!values.isEmpty()) {
            throw new IllegalArgumentException("unknown option --" + values.keySet().iterator().next());
        }
        return options;
    }

    /** {@code 500ms}, {@code 15s} or {@code 2m}. */
    static Duration parseDuration(String option, String value) {
        Matcher m = DURATION.matcher(value);
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new IllegalArgumentException("--" + option + ": expected a positive duration such as 500ms, 15s "
                    + "or 2m, got '" + value + "'");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            default -> Duration.ofMinutes(amount);
        };
    }

    private static Duration duration(Map<String, String> values, String option, Duration otherwise) {
        return values.containsKey(option) ? parseDuration(option, values.remove(option)) : otherwise;
    }

    private static List<ProviderSet> providers(String value) {
        List<ProviderSet> sets = new ArrayList<>();
        for (String id : value.split(",", -1)) {
            Optional<ProviderSet> set = ProviderSet.of(id.trim());
            if (set.isEmpty() || sets.contains(set.get())) {
                throw new IllegalArgumentException("--providers: expected native, jdk or both (native,jdk), got '"
                        + value + "'");
            }
            sets.add(set.get());
        }
        return List.copyOf(sets);
    }

    private static int positive(String option, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--" + option + ": expected a positive whole number, got '" + value + "'");
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    boolean seeds() {
        return scenarios.stream().anyMatch(Scenario::seeded);
    }
}
