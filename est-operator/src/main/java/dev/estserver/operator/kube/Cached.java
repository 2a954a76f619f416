package dev.estserver.operator.kube;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;

/**
 * Objects the operator watches, read from its informer caches instead of the API server: a reconcile that only looks
 * costs the API server nothing, however many resources there are.
 */
public final class Cached {

    private final Map<Class<?>, InformerEventSource<?, ?>> informers;

    private Cached(Map<Class<?>, InformerEventSource<?, ?>> informers) {
        this.informers = informers;
    }

    /** @param informers at most one per type */
    public static Cached of(InformerEventSource<?, ?>... informers) {
        Map<Class<?>, InformerEventSource<?, ?>> byType = new HashMap<>();
        for (InformerEventSource<?, ?> informer : informers) {
            if (byType.put(informer.resourceType(), informer) != null) {
                throw new IllegalArgumentException("two informers of " + informer.resourceType().getSimpleName());
            }
        }
        return new Cached(Map.copyOf(byType));
    }

    /** Empty when the object does not exist, or the cache has not seen it yet. */
    public <T extends HasMetadata> Optional<T> get(Class<T> type, String namespace, String name) {
        InformerEventSource<?, ?> informer = informers.get(type);
        if (informer == null) {
            throw new IllegalStateException("no informer of " + type.getSimpleName() + " in this controller");
        }
        return informer.get(new ResourceID(name, namespace)).map(type::cast);
    }
}
