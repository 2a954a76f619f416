package dev.estserver.service.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

import dev.estserver.service.config.StartupOrder;
import dev.estserver.service.policy.Profiles;
import dev.estserver.service.store.Device;

/**
 * Fleet gauges for Prometheus: devices by label and status, current certificates expiring within 7 and 30 days,
 * enrollments waiting for approval and how long the oldest has waited, each at 0 for a configured label with nothing
 * to count; and whether the last read of the database succeeded. They are read from
 * the database on a timer rather than per scrape, so a busy Prometheus cannot load the database; every replica
 * reports the same fleet-wide numbers.
 */
@Singleton
public class FleetMetrics {

    /** How old the gauges may be. */
    static final Duration REFRESH = Duration.ofSeconds(30);

    private static final Logger LOG = Logger.getLogger(FleetMetrics.class);
    private static final List<String> STATUSES = Arrays.stream(Device.Status.values()).map(Enum::name).toList();

    private final MultiGauge devices;
    private final MultiGauge expiring7;
    private final MultiGauge expiring30;
    private final MultiGauge pending;
    private final MultiGauge oldestPending;
    private final AtomicInteger databaseUp = new AtomicInteger();
    private final Profiles profiles;
    private ScheduledExecutorService timer;

    FleetMetrics(MeterRegistry registry, Profiles profiles) {
        this.profiles = profiles;
        this.devices = MultiGauge.builder("est.devices").description("Devices by label and status")
                .register(registry);
        this.expiring7 = MultiGauge.builder("est.certificates.expiring.7d")
                .description("Devices whose current certificate expires within 7 days, by label").register(registry);
        this.expiring30 = MultiGauge.builder("est.certificates.expiring.30d")
                .description("Devices whose current certificate expires within 30 days, by label").register(registry);
        this.pending = MultiGauge.builder("est.approvals.pending")
                .description("Enrollment requests waiting for manual approval, by label").register(registry);
        this.oldestPending = MultiGauge.builder("est.approvals.oldest.pending").baseUnit("seconds")
                .description("How long the oldest request waiting for manual approval has waited, by label")
                .register(registry);
        Gauge.builder("est.database.up", databaseUp, AtomicInteger::get)
                .description("1 when the last read of the fleet from the database succeeded, else 0; read every "
                        + REFRESH.toSeconds() + " s").register(registry);
    }

    void onStart(@Observes @Priority(StartupOrder.BACKGROUND) StartupEvent event) {
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("fleet-metrics").daemon()
                .factory());
        timer.scheduleWithFixedDelay(this::refreshQuietly, 0, REFRESH.toSeconds(), TimeUnit.SECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** Reads the fleet now; the gauges show it until the next refresh. */
    public void refresh() {
        FleetSnapshot snapshot = QuarkusTransaction.requiringNew()
                .call(() -> FleetSnapshot.read(Device.getEntityManager(), Instant.now(), profiles.byLabel().keySet(),
                        STATUSES));
        register(devices, snapshot.devices());
        register(expiring7, snapshot.expiringIn7Days());
        register(expiring30, snapshot.expiringIn30Days());
        register(pending, snapshot.pendingApprovals());
        register(oldestPending, snapshot.oldestPendingAge());
        databaseUp.set(1);
    }

    /** While the database is down the gauges keep their last values; readiness reports the outage. */
    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            databaseUp.set(0);
            LOG.debugf("fleet gauges not refreshed: %s", e.getMessage());
        }
    }

    private static void register(MultiGauge gauge, List<FleetSnapshot.Count> counts) {
        gauge.register(counts.stream().map(count -> MultiGauge.Row.of(count.status() == null
                ? Tags.of("label", count.label()) : Tags.of("label", count.label(), "status", count.status()),
                count.value())).toList(), true);
    }
}
