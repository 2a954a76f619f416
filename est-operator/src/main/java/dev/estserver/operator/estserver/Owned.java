package dev.estserver.operator.estserver;

import java.util.Map;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

import dev.estserver.operator.api.v1alpha1.EstServer;
import dev.estserver.operator.kube.OwnerReferences;

/** Metadata of the objects the operator writes for an EstServer. */
final class Owned {

    private Owned() {
    }

    static Map<String, String> labels(EstServer server) {
        return Map.of(OwnedNames.SERVER_LABEL, server.getMetadata().getName(),
                OwnedNames.MANAGED_BY_LABEL, OwnedNames.MANAGED_BY,
                "app.kubernetes.io/name", "est-service",
                "app.kubernetes.io/instance", server.getMetadata().getName());
    }

    /** Labels that select the server's pods; immutable once a Deployment exists, so kept to the minimum. */
    static Map<String, String> selector(EstServer server) {
        return Map.of(OwnedNames.SERVER_LABEL, server.getMetadata().getName());
    }

    /** Metadata with an owner reference, so that deleting the EstServer deletes the object. */
    static ObjectMeta metadata(EstServer server, String name) {
        return new ObjectMetaBuilder(unowned(server, name)).withOwnerReferences(OwnerReferences.controller(server)).build();
    }

    /** Metadata of an object that outlives the EstServer (the generated CA). */
    static ObjectMeta unowned(EstServer server, String name) {
        return new ObjectMetaBuilder().withName(name).withNamespace(server.getMetadata().getNamespace())
                .withLabels(labels(server)).build();
    }
}
