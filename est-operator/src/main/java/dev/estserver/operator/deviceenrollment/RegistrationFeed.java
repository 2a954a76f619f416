package dev.estserver.operator.deviceenrollment;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.javaoperatorsdk.operator.processing.event.ResourceID;

import dev.estserver.operator.service.AdminApi;
import dev.estserver.operator.service.RegistrationChanges;
import dev.estserver.operator.service.RegistrationView;
import dev.estserver.operator.service.ServiceConnection;

/**
 * The registrations of every EstServer's service as the operator last saw them, kept current by one "changed
 * since" query per server and poll interval instead of one GET per device: its cost follows what changed, not how
 * many devices wait. A server's registrations are loaded in pages on first use.
 */
@ApplicationScoped
class RegistrationFeed {

    /**
     * How far back each query reaches before the previous answer's time: a registration is stamped when its
     * transaction wrote it, so one that commits late can carry a time before an answer that did not yet show it.
     * ScaleIT waits this long after its registrations before it measures the steady state.
     */
    static final Duration OVERLAP = Duration.ofSeconds(30);

    private final AdminApi api;
    private final Map<ResourceID, Registrations> servers = new ConcurrentHashMap<>();

    RegistrationFeed(AdminApi api) {
        this.api = api;
    }

    /** The registration as last seen; the server's registrations are loaded first if they were not yet. */
    Optional<RegistrationView> registration(ResourceID server, ServiceConnection service, RegistrationKey key) {
        Registrations registrations = servers.computeIfAbsent(server, s -> new Registrations());
        synchronized (registrations) {
            if (registrations.since == null) {
                registrations.update(service, api);
            }
        }
        return Optional.ofNullable(registrations.views.get(key.toString()));
    }

    /** What the service answered to a write, so that the next look needs no query. */
    void remember(ResourceID server, RegistrationView view) {
        servers.computeIfAbsent(server, s -> new Registrations()).views.put(keyOf(view), view);
    }

    /**
     * Asks the service what changed since the last query.
     *
     * @return the DeviceEnrollments whose registration changed
     */
    Set<ResourceID> poll(ResourceID server, ServiceConnection service) {
        Registrations registrations = servers.computeIfAbsent(server, s -> new Registrations());
        synchronized (registrations) {
            return registrations.update(service, api);
        }
    }

    /** A server that is gone, or was re-created: its service may be another one. */
    void forget(ResourceID server) {
        servers.remove(server);
    }

    private static String keyOf(RegistrationView view) {
        return new RegistrationKey(view.label(), view.identity()).toString();
    }

    /** One server's registrations by key, and where the next query starts (null: load them all). */
    private static final class Registrations {

        private final Map<String, RegistrationView> views = new ConcurrentHashMap<>();
        private Instant since;

        Set<ResourceID> update(ServiceConnection service, AdminApi api) {
            Set<ResourceID> changed = new HashSet<>();
            String cursor = null;
            Instant asOf;
            do {
                RegistrationChanges page = api.registrationsChangedSince(service, since, cursor);
                for (RegistrationView view : page.items()) {
                    RegistrationView before = views.put(keyOf(view), view);
                    if (!view.equals(before) && view.owner() != null) {
                        view.owner().enrollment().ifPresent(changed::add);
                    }
                }
                cursor = page.nextCursor();
                asOf = page.asOf();
            } while (cursor != null);
            since = asOf.minus(OVERLAP);
            return changed;
        }
    }
}
