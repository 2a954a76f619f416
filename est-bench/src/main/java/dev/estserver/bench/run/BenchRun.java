package dev.estserver.bench.run;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.estserver.bench.limit.CryptoLimit;
import dev.estserver.service.crypto.CryptoProviders;

/**
 * {@code make bench}: for each CA, each provider set's crypto limit, then for each set the packaged service in
 * production mode driven through every scenario, then the limits again; the summary lines as it goes, the targets
 * and a JSON report at the end.
 */
public final class BenchRun {

    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private final BenchOptions options;
    private final PrintStream out;
    private final Database database;
    private final String runId;

    public BenchRun(BenchOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
        this.database = new Database(options.database());
        this.runId = RUN_ID.format(Instant.now());
    }

    /** Runs everything and returns the JSON report's path; a {@link BenchFailure} when it cannot. */
    public Path run() {
        Instant started = Instant.now();
        String postgres = database.serverVersion();
        // Before anything is measured: a native library that cannot load fails the run at once.
        Map<ProviderSet, CryptoProviders> providers = new LinkedHashMap<>();
        options.providers().forEach(set -> providers.put(set, set.load()));
        Machine machine = Machine.describe(postgres);
        String loadAtStart = Machine.loadAverage();
        out.println(machine.lines(loadAtStart));
        Map<String, Object> providerJson = new LinkedHashMap<>();
        providers.forEach((set, loaded) -> providerJson.put(set.id(), loaded.description()));
        out.println("machine: crypto-providers " + providerJson.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" | ")));
        List<CaRun> runs = new ArrayList<>();
        for (CaAlgorithm ca : options.cas()) {
            runs.add(run(ca, providers));
        }
        String loadAtEnd = Machine.loadAverage();
        out.println("machine: load-at-end=" + loadAtEnd);
        List<Targets.Verdict> verdicts = Targets.judge(runs.stream().flatMap(r -> r.scenarios().stream()).toList());
        verdicts.forEach(v -> out.println(v.line()));

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("runId", runId);
        report.put("started", started.toString());
        report.put("finished", Instant.now().toString());
        Map<String, Object> machineJson = machine.toJson();
        machineJson.put("loadAtStart", loadAtStart);
        machineJson.put("loadAtEnd", loadAtEnd);
        machineJson.put("serviceJavaOptions", String.join(" ",
                BenchService.javaOptions(System.getenv(BenchService.JAVA_OPTS_VARIABLE))));
        machineJson.put("cryptoProviders", providerJson);
        report.put("machine", machineJson);
        report.put("warmupSeconds", options.warmup().toMillis() / 1000.0);
        report.put("durationSeconds", options.duration().toMillis() / 1000.0);
        report.put("cas", runs.stream().map(CaRun::toJson).toList());
        report.put("targets", verdicts.stream().map(Targets.Verdict::toJson).toList());
        return write(Json.write(report));
    }

    /**
     * Each provider set's crypto limit, then one service run per set, then each limit again, so that the two
     * measurements of a limit bracket every service run it is compared with.
     */
    private CaRun run(CaAlgorithm ca, Map<ProviderSet, CryptoProviders> providers) {
        out.println("run: ca=" + ca.id() + " (" + ca.description() + "): PKI in " + pkiDir(ca));
        BenchPki pki = BenchPki.generate(pkiDir(ca), ca);
        Map<ProviderSet, CryptoLimit> limits = new LinkedHashMap<>();
        providers.forEach((set, loaded) -> limits.put(set,
                CryptoLimit.onAllCores(pki.caPrivateKey(), pki.caChain(), loaded)));
        Map<ProviderSet, Double> atStart = measure(limits);
        out.println("limit: ca=" + ca.id() + " " + atStart.entrySet().stream()
                .map(e -> e.getKey().id() + " start=" + Math.round(e.getValue()) + "/s")
                .collect(Collectors.joining(" | ")));
        List<ProviderRun> runs = runSideBySide(ca, pki, atStart);
        Map<ProviderSet, Double> atEnd = measure(limits);
        List<ProviderLimit> measured = limits.entrySet().stream().map(e -> new ProviderLimit(e.getKey(),
                e.getValue().computedOn(), atStart.get(e.getKey()), atEnd.get(e.getKey()))).toList();
        CaRun run = new CaRun(ca, limits.values().iterator().next().threads(), measured, runs);
        out.println(run.limitLine());
        run.comparisons().forEach(c -> out.println(c.line()));
        return run;
    }

    /**
     * Starts one service per provider set, each on its own database, then runs every scenario on each in turn, the
     * order reversed from one scenario to the next, so that neither set is always measured first.
     */
    private List<ProviderRun> runSideBySide(CaAlgorithm ca, BenchPki pki, Map<ProviderSet, Double> limits) {
        List<ServiceRun> services = new ArrayList<>();
        try {
            boolean first = true;
            for (Map.Entry<ProviderSet, Double> provider : limits.entrySet()) {
                Database own = first ? database : new Database(database.name() + "_" + provider.getKey().id());
                own.serverVersion();
                services.add(ServiceRun.start(options, own, runId, out, ca, provider.getKey(), pki,
                        provider.getValue()));
                first = false;
            }
            for (int i = 0; i < options.scenarios().size(); i++) {
                Scenario scenario = options.scenarios().get(i);
                (i % 2 == 0 ? services : services.reversed()).forEach(service -> service.run(scenario));
            }
            return services.stream().map(ServiceRun::result).toList();
        } finally {
            services.forEach(ServiceRun::close);
        }
    }

    private Map<ProviderSet, Double> measure(Map<ProviderSet, CryptoLimit> limits) {
        Map<ProviderSet, Double> perSecond = new LinkedHashMap<>();
        limits.forEach((set, limit) -> perSecond.put(set,
                limit.measure(options.limitWarmup(), options.limitDuration())));
        return perSecond;
    }

    private Path pkiDir(CaAlgorithm ca) {
        return options.out().resolve("pki-" + ca.id());
    }

    private Path write(String json) {
        try {
            Files.createDirectories(options.out());
            Path report = options.out().resolve("bench-" + runId + ".json");
            Files.writeString(report, json, StandardCharsets.UTF_8);
            Files.writeString(options.out().resolve("latest.json"), json, StandardCharsets.UTF_8);
            out.println("report: " + report + " (also " + options.out().resolve("latest.json") + ")");
            return report;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + options.out() + ": " + e.getMessage(), e);
        }
    }
}
