package dev.estserver.bench.run;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.estserver.bench.limit.CryptoLimit;
import dev.estserver.bench.load.ConnectionMode;
import dev.estserver.bench.load.CsrPool;
import dev.estserver.bench.load.LoadGenerator;
import dev.estserver.bench.load.LoadResult;
import dev.estserver.bench.load.LoadSpec;
import dev.estserver.bench.load.MeasurementListener;
import dev.estserver.service.ca.IssuingCa;

/**
 * {@code make bench}: for each CA, the crypto limit, then the packaged service in production mode driven through
 * every scenario, then the limit again; the summary lines as it goes, the targets and a JSON report at the end.
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
        Machine machine = Machine.describe(postgres);
        String loadAtStart = Machine.loadAverage();
        out.println(machine.lines(loadAtStart));
        List<CaRun> runs = new ArrayList<>();
        for (CaAlgorithm ca : options.cas()) {
            runs.add(run(ca));
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
        report.put("machine", machineJson);
        report.put("warmupSeconds", options.warmup().toMillis() / 1000.0);
        report.put("durationSeconds", options.duration().toMillis() / 1000.0);
        report.put("cas", runs.stream().map(CaRun::toJson).toList());
        report.put("targets", verdicts.stream().map(Targets.Verdict::toJson).toList());
        return write(Json.write(report));
    }

    private CaRun run(CaAlgorithm ca) {
        out.println("run: ca=" + ca.id() + " (" + ca.description() + "): PKI in " + pkiDir(ca));
        BenchPki pki = BenchPki.generate(pkiDir(ca), ca);
        IssuingCa issuingCa = pki.issuingCa();
        CryptoLimit limit = CryptoLimit.onAllCores(issuingCa);
        double limitAtStart = limit.measure(options.limitWarmup(), options.limitDuration());
        out.println(String.format(Locale.ROOT, "limit: ca=%s start=%d/s", ca.id(), Math.round(limitAtStart)));
        List<ScenarioResult> results = new ArrayList<>();
        Optional<Duration> seeding = Optional.empty();
        Path log = options.out().resolve("service-" + ca.id() + ".log");
        try (BenchService service = BenchService.start(options.serviceJar(), pki, database.jdbcUrl(), log)) {
            PostgresProcesses postgres = new PostgresProcesses(database.name());
            warmUp(service, pki, ca, limitAtStart);
            for (Scenario scenario : options.scenarios()) {
                if (scenario.seeded() && seeding.isEmpty()) {
                    seeding = Optional.of(new FleetSeeder(database).seed(options.seedRows(), issuingCa));
                    out.println(String.format(Locale.ROOT, "seed: ca=%s rows=%d time=%.1fs", ca.id(),
                            options.seedRows(), seeding.get().toMillis() / 1000.0));
                }
                ScenarioResult result = run(scenario, ca, limitAtStart, service, pki, postgres);
                out.println(result.summaryLine());
                out.println(result.detailLine());
                results.add(result);
            }
        }
        double limitAtEnd = limit.measure(options.limitWarmup(), options.limitDuration());
        CaRun run = new CaRun(ca, limit.threads(), limitAtStart, limitAtEnd, seeding, options.seedRows(), results);
        out.println(run.limitLine());
        return run;
    }

    /** Keep-alive load at concurrency 64 that nothing measures, so that the first scenario does not pay for JIT. */
    private void warmUp(BenchService service, BenchPki pki, CaAlgorithm ca, double limit) {
        int concurrency = 64;
        CsrPool csrs = CsrPool.generate(PoolSizing.csrs(limit, options.serviceWarmup(), Duration.ofSeconds(1),
                concurrency), "warmup-" + runId + "-" + ca.id());
        LoadResult load = new LoadGenerator().run(new LoadSpec(service.estBase(), pki.trustAnchors(),
                service.credentials(), concurrency, ConnectionMode.KEEP_ALIVE, options.serviceWarmup(),
                Duration.ofSeconds(1)), csrs, MeasurementListener.NONE);
        out.println(String.format(Locale.ROOT, "run: service warm-up ca=%s %ds at conc=%d, then %d/s with %d errors",
                ca.id(), options.serviceWarmup().toSeconds(), concurrency, Math.round(load.throughputPerSecond()),
                load.errors()));
    }

    private ScenarioResult run(Scenario scenario, CaAlgorithm ca, double limit, BenchService service, BenchPki pki,
            PostgresProcesses postgres) {
        int size = PoolSizing.csrs(limit, options.warmup(), options.duration(), scenario.concurrency());
        long start = System.nanoTime();
        CsrPool csrs = CsrPool.generate(size, scenario.identityPrefix(runId, ca));
        out.println(String.format(Locale.ROOT, "run: %s ca=%s conc=%d: %d CSRs generated in %.1fs", scenario.name(),
                ca.id(), scenario.concurrency(), size, (System.nanoTime() - start) / 1e9));
        LoadSpec spec = new LoadSpec(service.estBase(), pki.trustAnchors(), service.credentials(),
                scenario.concurrency(), scenario.connections(), options.warmup(), options.duration());
        CpuWindow window = new CpuWindow(service.pid(), postgres);
        try (RssSampler rss = RssSampler.start(service.pid())) {
            LoadResult load = new LoadGenerator().run(spec, csrs, window);
            return new ScenarioResult(scenario, ca, load, limit, window.serverSeconds(), window.postgresSeconds(),
                    window.clientSeconds(), rss.peakKib());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted during " + scenario.name());
        } catch (RuntimeException e) {
            throw new BenchFailure(scenario.name() + " conc=" + scenario.concurrency() + " ca=" + ca.id()
                    + " could not run: " + e + "; last lines of the service log:\n" + service.logTail());
        }
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
