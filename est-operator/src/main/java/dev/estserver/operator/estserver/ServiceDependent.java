package dev.estserver.operator.estserver;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;

import dev.estserver.operator.api.v1alpha1.EstServer;

/** The ClusterIP Service in front of the pods: HTTPS for EST and the admin API, plain HTTP for metrics. */
public class ServiceDependent extends OwnedDependent<Service> {

    public ServiceDependent() {
        super(Service.class);
    }

    @Override
    protected Service desired(EstServer server, Context<EstServer> context) {
        return new ServiceBuilder().withMetadata(Owned.metadata(server, OwnedNames.of(server).workload()))
                .withNewSpec().withType("ClusterIP").withSelector(Owned.selector(server))
                .addNewPort().withName("https").withProtocol("TCP").withPort(OwnedNames.HTTPS_PORT)
                .withTargetPort(new IntOrString("https")).withAppProtocol("https").endPort()
                .addNewPort().withName("management").withProtocol("TCP").withPort(OwnedNames.MANAGEMENT_PORT)
                .withTargetPort(new IntOrString("management")).withAppProtocol("http").endPort()
                .endSpec().build();
    }
}
