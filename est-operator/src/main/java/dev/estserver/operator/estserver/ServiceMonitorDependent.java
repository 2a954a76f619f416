package dev.estserver.operator.estserver;

import java.util.HashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitorBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

import dev.estserver.operator.api.v1alpha1.EstServer;
import dev.estserver.operator.api.v1alpha1.EstServerSpec.ServiceMonitorSpec;

/**
 * A Prometheus Operator ServiceMonitor that scrapes the Service's management port under the job name
 * {@value #JOB}, the name deploy/observability's alert rules select. It is activated only where the
 * ServiceMonitor CRD exists (JOSDK's CRD-present activation condition), so a cluster without the Prometheus
 * Operator runs the operator unchanged, and only reconciled (else deleted) while the EstServer asks for it.
 */
public class ServiceMonitorDependent extends OwnedDependent<ServiceMonitor> {

    /** The Service label whose value becomes the scrape job's name. */
    static final String JOB_LABEL = "app.kubernetes.io/name";
    static final String JOB = "est-service";

    public ServiceMonitorDependent() {
        super(ServiceMonitor.class);
    }

    @Override
    protected ServiceMonitor desired(EstServer server, Context<EstServer> context) {
        ServiceMonitorSpec spec = server.getSpec().serviceMonitor();
        String name = OwnedNames.of(server).workload();
        if (spec == null) {
            // Asked for only to find the ServiceMonitor to delete once spec.serviceMonitor is removed.
            return new ServiceMonitorBuilder().withMetadata(Owned.metadata(server, name)).build();
        }
        Map<String, String> labels = new HashMap<>(Owned.labels(server));
        if (spec.labels() != null) {
            labels.putAll(spec.labels());
        }
        return new ServiceMonitorBuilder()
                .withMetadata(new ObjectMetaBuilder(Owned.metadata(server, name)).withLabels(labels).build())
                .withNewSpec().withJobLabel(JOB_LABEL)
                .withNewSelector().withMatchLabels(Owned.selector(server)).endSelector()
                .addNewEndpoint().withPort("management").withPath("/q/metrics").withScheme("http")
                .withInterval(spec.interval()).endEndpoint()
                .endSpec().build();
    }

    /** Reconciled (and otherwise deleted) only while the EstServer asks for a ServiceMonitor. */
    public static class Requested implements Condition<ServiceMonitor, EstServer> {
        @Override
        public boolean isMet(DependentResource<ServiceMonitor, EstServer> dependent, EstServer server,
                Context<EstServer> context) {
            return server.getSpec().serviceMonitor() != null;
        }
    }
}
