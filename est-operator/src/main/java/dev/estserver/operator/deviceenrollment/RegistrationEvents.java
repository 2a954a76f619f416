package dev.estserver.operator.deviceenrollment;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;

import dev.estserver.operator.api.v1alpha1.DeviceEnrollment;
import dev.estserver.operator.api.v1alpha1.EstServer;
import dev.estserver.operator.kube.Cached;
import dev.estserver.operator.service.AdminApiException;
import dev.estserver.operator.service.RegistrationView;
import dev.estserver.operator.service.ServiceConnection;
import dev.estserver.operator.service.ServiceConnections;

/**
 * Wakes the DeviceEnrollments whose registration the service changed (a device enrolled, renewed, was revoked), by
 * polling every EstServer's {@link RegistrationFeed} at the poll interval on a thread of its own.
 */
final class RegistrationEvents extends AbstractEventSource<RegistrationView, DeviceEnrollment> {

    private static final Logger LOG = Logger.getLogger(RegistrationEvents.class);

    private final RegistrationFeed feed;
    private final InformerEventSource<EstServer, DeviceEnrollment> servers;
    private final ServiceConnections connections;
    private final Cached cached;
    private final Duration interval;
    private ScheduledExecutorService poller;

    RegistrationEvents(RegistrationFeed feed, InformerEventSource<EstServer, DeviceEnrollment> servers,
            ServiceConnections connections, Cached cached, Duration interval) {
        super(RegistrationView.class, "registration-feed");
        this.feed = feed;
        this.servers = servers;
        this.connections = connections;
        this.cached = cached;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        super.start();
        poller = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("registration-feed")
                .daemon().factory());
        poller.scheduleWithFixedDelay(this::pollEveryServer, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (poller != null) {
            poller.shutdownNow();
        }
        super.stop();
    }

    /** Registrations are read through {@link RegistrationFeed}, never as secondary resources. */
    @Override
    public Set<RegistrationView> getSecondaryResources(DeviceEnrollment primary) {
        return Set.of();
    }

    private void pollEveryServer() {
        servers.list(server -> !server.isMarkedForDeletion()).forEach(server -> {
            ResourceID id = ResourceID.fromResource(server);
            Optional<ServiceConnection> service = connections.of(server, cached);
            if (service.isEmpty()) {
                return;
            }
            try {
                feed.poll(id, service.get()).forEach(enrollment -> getEventHandler().handleEvent(
                        new Event(enrollment)));
            } catch (AdminApiException e) {
                // Already logged with its cause by the admin API client; the next round tries again.
                LOG.debugf("registration feed of EstServer %s: %s", id, e.getMessage());
            } catch (RuntimeException e) {
                LOG.errorf(e, "registration feed of EstServer %s failed", id);
            }
        });
    }
}
