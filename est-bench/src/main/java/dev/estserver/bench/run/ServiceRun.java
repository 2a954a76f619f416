package dev.estserver.bench.run;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.estserver.bench.load.ConnectionMode;
import dev.estserver.bench.load.CsrPool;
import dev.estserver.bench.load.LoadGenerator;
import dev.estserver.bench.load.LoadResult;
import dev.estserver.bench.load.LoadSpec;
import dev.estserver.bench.load.MeasurementListener;

/**
 * One start of the packaged service against one CA with one provider set: an unmeasured warm-up, then every
 * selected scenario, with the database seeded before the seeded one; the summary lines as it goes.
 */
final class ServiceRun {

    private final BenchOptions options;
    private final Database database;
    private final String runId;
    private final PrintStream out;

    ServiceRun(BenchOptions options, Database database, String runId, PrintStream out) {
        this.options = options;
        this.database = database;
        this.runId = runId;
        this.out = out;
    }

    /**
     * Starts the service on {@code provider}, runs it through the scenarios and stops it.
     *
     * @param limit the provider set's crypto limit, which sizes the CSR pools and is each scenario's reference
     */
    ProviderRun run(CaAlgorithm ca, ProviderSet provider, BenchPki pki, double limit) {
        Optional<Duration> seeding = Optional.empty();
        List<ScenarioResult> results = new ArrayList<>();
        Path log = options.out().resolve("service-" + ca.id() + "-" + provider.id() + ".log");
        try (BenchService service = BenchService.start(options.serviceJar(), pki, provider, database.jdbcUrl(),
                log)) {
            PostgresProcesses postgres = new PostgresProcesses(database.name());
            warmUp(service, pki, ca, provider, limit);
            for (Scenario scenario : options.scenarios()) {
                if (scenario.seeded() && seeding.isEmpty()) {
                    // The service emptied the database when it started: each run seeds its own fleet.
                    seeding = Optional.of(new FleetSeeder(database).seed(options.seedRows(), pki.issuingCa()));
                    out.println(String.format(Locale.ROOT, "seed: ca=%s provider=%s rows=%d time=%.1fs", ca.id(),
                            provider.id(), options.seedRows(), seeding.get().toMillis() / 1000.0));
                }
                ScenarioResult result = run(scenario, ca, provider, limit, service, pki, postgres);
                out.println(result.summaryLine());
                out.println(result.detailLine());
                results.add(result);
            }
        }
        return new ProviderRun(provider, seeding, options.seedRows(), results);
    }

    /** Keep-alive load at concurrency 64 that nothing measures, so that the first scenario does not pay for JIT. */
    private void warmUp(BenchService service, BenchPki pki, CaAlgorithm ca, ProviderSet provider, double limit) {
        int concurrency = 64;
        CsrPool csrs = CsrPool.generate(PoolSizing.csrs(limit, options.serviceWarmup(), Duration.ofSeconds(1),
                concurrency), "warmup-" + runId + "-" + ca.id() + "-" + provider.id());
        LoadResult load = new LoadGenerator().run(new LoadSpec(service.estBase(), pki.trustAnchors(),
                service.credentials(), concurrency, ConnectionMode.KEEP_ALIVE, options.serviceWarmup(),
                Duration.ofSeconds(1)), csrs, MeasurementListener.NONE);
        out.println(String.format(Locale.ROOT, "run: service warm-up ca=%s provider=%s %ds at conc=%d, then %d/s "
                + "with %d errors", ca.id(), provider.id(), options.serviceWarmup().toSeconds(), concurrency,
                Math.round(load.throughputPerSecond()), load.errors()));
    }

    private ScenarioResult run(Scenario scenario, CaAlgorithm ca, ProviderSet provider, double limit,
            BenchService service, BenchPki pki, PostgresProcesses postgres) {
        int size = PoolSizing.csrs(limit, options.warmup(), options.duration(), scenario.concurrency());
        long start = System.nanoTime();
        CsrPool csrs = CsrPool.generate(size, scenario.identityPrefix(runId, ca, provider));
        out.println(String.format(Locale.ROOT, "run: %s ca=%s provider=%s conc=%d: %d CSRs generated in %.1fs",
                scenario.name(), ca.id(), provider.id(), scenario.concurrency(), size,
                (System.nanoTime() - start) / 1e9));
        LoadSpec spec = new LoadSpec(service.estBase(), pki.trustAnchors(), service.credentials(),
                scenario.concurrency(), scenario.connections(), options.warmup(), options.duration());
        CpuWindow window = new CpuWindow(service.pid(), postgres);
        try (RssSampler rss = RssSampler.start(service.pid())) {
            LoadResult load = new LoadGenerator().run(spec, csrs, window);
            return new ScenarioResult(scenario, ca, provider, load, limit, window.serverSeconds(),
                    window.postgresSeconds(), window.clientSeconds(), rss.peakKib());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted during " + scenario.name());
        } catch (RuntimeException e) {
            throw new BenchFailure(scenario.name() + " conc=" + scenario.concurrency() + " ca=" + ca.id()
                    + " provider=" + provider.id() + " could not run: " + e + "; last lines of the service log:\n"
                    + service.logTail());
        }
    }
}
