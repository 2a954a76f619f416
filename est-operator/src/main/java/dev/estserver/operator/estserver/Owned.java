package dev.estserver.operator.estserver;

import java.util.Map;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;

import dev.estserver.operator.api.v1alpha1.EstServer;

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
        return new ObjectMetaBuilder(unowned(server, name)).withOwnerReferences(ownerReference(server)).build();
    }

    /** Metadata of an object that outlives the EstServer (the generated CA). */
    static ObjectMeta unowned(EstServer server, String name) {
        return new ObjectMetaBuilder().withName(name).withNamespace(server.getMetadata().getNamespace())
                .withLabels(labels(server)).build();
    }

    static OwnerReference ownerReference(EstServer server) {
        return new OwnerReferenceBuilder().withApiVersion(server.getApiVersion()).withKind(server.getKind())
                .withName(server.getMetadata().getName()).withUid(server.getMetadata().getUid())
                .withController(true).withBlockOwnerDeletion(true).build();
    }
}
