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
 * One start of the packaged service against one CA with one provider set and a database of its own: an unmeasured
 * warm-up when it starts, then the scenarios it is given, with its database seeded before the seeded one; the
 * summary lines as it goes. The services of both provider sets run side by side, and {@link BenchRun} alternates
 * their scenarios, so that the two figures of a scenario are measured minutes apart, not a whole run apart: on this
 * shared 2-vCPU machine the CPU time of one enrollment drifted by a third between two runs of ten minutes.
 */
final class ServiceRun implements AutoCloseable {

    private final BenchOptions options;
    private final Database database;
    private final String runId;
    private final PrintStream out;
    private final CaAlgorithm ca;
    private final ProviderSet provider;
    private final BenchPki pki;
    private final double limit;
    private final BenchService service;
    private final PostgresProcesses postgres;
    private final List<ScenarioResult> results = new ArrayList<>();
    private Optional<Duration> seeding = Optional.empty();

    private ServiceRun(BenchOptions options, Database database, String runId, PrintStream out, CaAlgorithm ca,
            ProviderSet provider, BenchPki pki, double limit, BenchService service) {
        this.options = options;
        this.database = database;
        this.runId = runId;
        this.out = out;
        this.ca = ca;
        this.provider = provider;
        this.pki = pki;
        this.limit = limit;
        this.service = service;
        this.postgres = new PostgresProcesses(database.name());
    }

    /**
     * Starts the service on {@code provider} and warms it up.
     *
     * @param limit the provider set's crypto limit, which sizes the CSR pools and is each scenario's reference
     */
    static ServiceRun start(BenchOptions options, Database database, String runId, PrintStream out, CaAlgorithm ca,
            ProviderSet provider, BenchPki pki, double limit) {
        Path log = options.out().resolve("service-" + ca.id() + "-" + provider.id() + ".log");
        BenchService service = BenchService.start(options.serviceJar(), pki, provider, database.jdbcUrl(), log);
        ServiceRun run = new ServiceRun(options, database, runId, out, ca, provider, pki, limit, service);
        try {
            run.warmUp();
            return run;
        } catch (RuntimeException e) {
            run.close();
            throw e;
        }
    }

    /** Runs one scenario, seeding the database first if it is the first seeded one. */
    void run(Scenario scenario) {
        if (scenario.seeded() && seeding.isEmpty()) {
            // The service emptied its database when it started: each run seeds its own fleet.
            seeding = Optional.of(new FleetSeeder(database).seed(options.seedRows(), pki.issuingCa()));
            out.println(String.format(Locale.ROOT, "seed: ca=%s provider=%s rows=%d time=%.1fs", ca.id(),
                    provider.id(), options.seedRows(), seeding.get().toMillis() / 1000.0));
        }
        ScenarioResult result = measure(scenario);
        out.println(result.summaryLine());
        out.println(result.detailLine());
        results.add(result);
    }

    ProviderRun result() {
        return new ProviderRun(provider, seeding, options.seedRows(), List.copyOf(results));
    }

    @Override
    public void close() {
        service.close();
    }

    /**
     * Load at concurrency 64 that nothing measures, so that no scenario pays for JIT compilation: keep-alive, then,
     * when a scenario opens new connections, a third of the time with a full TLS handshake per enrollment. Without
     * that third, the first provider set's new-connection scenario ran on the load generator's cold handshake code
     * and the second's on warm code: 225/s against 382/s, or the other way round, by the order alone.
     */
    private void warmUp() {
        boolean handshakes = options.scenarios().stream().anyMatch(s -> s.connections() != ConnectionMode.KEEP_ALIVE);
        Duration newConnections = handshakes ? options.serviceWarmup().dividedBy(3) : Duration.ZERO;
        warmUp(ConnectionMode.KEEP_ALIVE, options.serviceWarmup().minus(newConnections));
        if (handshakes) {
            warmUp(ConnectionMode.NEW_CONNECTION, newConnections);
        }
    }

    private void warmUp(ConnectionMode mode, Duration duration) {
        int concurrency = 64;
        String modeId = mode.name().toLowerCase(Locale.ROOT).replace('_', '-');
        CsrPool csrs = CsrPool.generate(PoolSizing.csrs(limit, duration, Duration.ofSeconds(1), concurrency),
                "warmup-" + runId + "-" + ca.id() + "-" + provider.id() + "-" + modeId + "-");
        LoadResult load = new LoadGenerator().run(new LoadSpec(service.estBase(), pki.trustAnchors(),
                service.credentials(), concurrency, mode, duration, Duration.ofSeconds(1)), csrs,
                MeasurementListener.NONE);
        out.println(String.format(Locale.ROOT, "run: service warm-up ca=%s provider=%s %ds %s at conc=%d, then %d/s "
                + "with %d errors", ca.id(), provider.id(), duration.toSeconds(), modeId, concurrency,
                Math.round(load.throughputPerSecond()), load.errors()));
    }

    private ScenarioResult measure(Scenario scenario) {
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
