package dev.estserver.operator.estserver;

import java.util.HashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

import dev.estserver.operator.api.v1alpha1.EstServer;
import dev.estserver.operator.api.v1alpha1.EstServerSpec.IngressSpec;

/**
 * An Ingress that passes TLS through to the pods. EST cannot be TLS-terminated at the edge: client certificates
 * (re-enrollment) and channel binding (tls-exporter) belong to the client's own TLS session with the service.
 */
public class IngressDependent extends OwnedDependent<Ingress> {

    static final String PASSTHROUGH = "nginx.ingress.kubernetes.io/ssl-passthrough";

    public IngressDependent() {
        super(Ingress.class);
    }

    @Override
    protected Ingress desired(EstServer server, Context<EstServer> context) {
        IngressSpec spec = server.getSpec().ingress();
        String service = OwnedNames.of(server).workload();
        if (spec == null) {
            // Asked for only to find the Ingress to delete once spec.ingress is removed.
            return new IngressBuilder().withMetadata(Owned.metadata(server, service)).build();
        }
        Map<String, String> annotations = new HashMap<>();
        if (spec.annotations() != null) {
            annotations.putAll(spec.annotations());
        }
        annotations.put(PASSTHROUGH, "true");
        annotations.put("nginx.ingress.kubernetes.io/backend-protocol", "HTTPS");
        return new IngressBuilder().withMetadata(new ObjectMetaBuilder(Owned.metadata(server, service))
                .withAnnotations(annotations).build())
                .withNewSpec().withIngressClassName(spec.className())
                .addNewRule().withHost(spec.host()).withNewHttp().addNewPath().withPath("/").withPathType("Prefix")
                .withNewBackend().withNewService().withName(service).withNewPort().withName("https").endPort()
                .endService().endBackend().endPath().endHttp().endRule().endSpec().build();
    }

    /** Reconciled (and otherwise deleted) only while the EstServer asks for an Ingress. */
    public static class Requested implements Condition<Ingress, EstServer> {
        @Override
        public boolean isMet(DependentResource<Ingress, EstServer> dependent, EstServer server,
                Context<EstServer> context) {
            return server.getSpec().ingress() != null;
        }
    }
}
