package dev.estserver.operator.estserver;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/**
 * The Secrets of one EstServer reconcile: read from the operator's informer cache, and written to the API server.
 * <p>
 * A cache lags the API server, and a write decided on a lagging read would overwrite what the operator has not seen:
 * a CA generated over the one created a moment before, a rotation over a rotation. So a Secret the cache does not
 * have is looked up on the API server before it is taken for missing (one GET, only while a Secret is absent), and
 * every write replaces exactly the version it was decided on: a newer one makes the API server answer 409 Conflict,
 * and the next reconcile decides again.
 */
final class SecretAccess {

    private final KubernetesClient client;
    private final Function<ResourceID, Optional<Secret>> cache;
    private final Map<ResourceID, Secret> written = new HashMap<>();

    /** @param cache the informer's view; empty for a Secret it has not seen (yet) */
    SecretAccess(KubernetesClient client, Function<ResourceID, Optional<Secret>> cache) {
        this.client = client;
        this.cache = cache;
    }

    /** The Secret as this reconcile wrote it, else as the cache has it, else as the API server has it. */
    Optional<Secret> get(String namespace, String name) {
        ResourceID id = new ResourceID(name, namespace);
        Secret mine = written.get(id);
        if (mine != null) {
            return Optional.of(mine);
        }
        Optional<Secret> cached = cache.apply(id);
        return cached.isPresent() ? cached
                : Optional.ofNullable(client.secrets().inNamespace(namespace).withName(name).get());
    }

    /**
     * Creates the Secret when {@code basis} is null, else replaces that version of it.
     *
     * @param basis what {@link #get} returned, which the write was decided on
     * @throws io.fabric8.kubernetes.client.KubernetesClientException 409 when the Secret changed since, or was created
     */
    Secret write(Secret secret, Secret basis) {
        Secret stored;
        if (basis == null) {
            stored = client.resource(secret).create();
        } else {
            secret.getMetadata().setResourceVersion(basis.getMetadata().getResourceVersion());
            stored = client.resource(secret).update();
        }
        written.put(ResourceID.fromResource(stored), stored);
        return stored;
    }
}
