package dev.estserver.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * An EST service: its CA, database, profiles and labels, rendered into a Deployment by the operator.
 *
 * <p>The printer columns are declared in the order kubectl prints them (the committed CRDs keep it): the state first,
 * AGE last as for Kubernetes' own kinds, and after it what {@code -o wide} adds.
 */
@Group(EstServer.GROUP)
@Version(EstServer.VERSION)
@ShortNames("ests")
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "Replicas", jsonPath = ".status.readyReplicas",
        type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Endpoint", jsonPath = ".status.endpoint")
@AdditionalPrinterColumn(name = "CA Not After", jsonPath = ".status.caNotAfter")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "Degraded", jsonPath = ".status.conditions[?(@.type==\"Degraded\")].status",
        priority = 1)
@AdditionalPrinterColumn(name = "Reason", jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason",
        priority = 1)
public class EstServer extends CustomResource<EstServerSpec, EstServerStatus> implements Namespaced {

    public static final String GROUP = "estserver.dev";
    public static final String VERSION = "v1alpha1";

    @Override
    @JsonPropertyDescription("What the EST service should be: CA, database, profiles and labels, replicas, Ingress.")
    public EstServerSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("What the operator observed; written only by the operator.")
    public EstServerStatus getStatus() {
        return super.getStatus();
    }
}
