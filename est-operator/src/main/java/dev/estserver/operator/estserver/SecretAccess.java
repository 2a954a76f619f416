package dev.estserver.operator.estserver;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

import dev.estserver.operator.kube.Cached;

/**
 * The Secrets of one EstServer reconcile: read from the operator's informer cache (never from the API server), and
 * written to the API server. A Secret written in this reconcile reads back as written, since the cache sees the
 * write only a moment later.
 */
final class SecretAccess {

    private final KubernetesClient client;
    private final Cached cached;
    private final Map<ResourceID, Secret> written = new HashMap<>();

    SecretAccess(KubernetesClient client, Cached cached) {
        this.client = client;
        this.cached = cached;
    }

    Optional<Secret> get(String namespace, String name) {
        Secret mine = written.get(new ResourceID(name, namespace));
        return mine != null ? Optional.of(mine) : cached.get(Secret.class, namespace, name);
    }

    /** Creates the Secret, or replaces the one of that name. */
    Secret write(Secret secret) {
        Secret stored = client.resource(secret).createOr(existing -> existing.update());
        written.put(ResourceID.fromResource(stored), stored);
        return stored;
    }
}
