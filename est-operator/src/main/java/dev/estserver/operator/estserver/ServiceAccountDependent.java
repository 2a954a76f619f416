package dev.estserver.operator.estserver;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;

import dev.estserver.operator.api.v1alpha1.EstServer;

/** The pods' own identity; it has no RBAC because est-service never calls the Kubernetes API. */
public class ServiceAccountDependent extends OwnedDependent<ServiceAccount> {

    public ServiceAccountDependent() {
        super(ServiceAccount.class);
    }

    @Override
    protected ServiceAccount desired(EstServer server, Context<EstServer> context) {
        return new ServiceAccountBuilder().withMetadata(Owned.metadata(server, OwnedNames.of(server).workload()))
                .withAutomountServiceAccountToken(false).build();
    }
}
