package dev.estserver.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A device (or workload) allowed to enroll with an EstServer, and the state of its certificate.
 *
 * <p>The printer columns are declared in the order kubectl prints them (the committed CRDs keep it): the state first,
 * AGE last as for Kubernetes' own kinds, and after it what {@code -o wide} adds.
 */
@Group(EstServer.GROUP)
@Version(EstServer.VERSION)
@ShortNames("devenr")
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "Server", jsonPath = ".spec.serverRef.name")
@AdditionalPrinterColumn(name = "Serial", jsonPath = ".status.serial")
@AdditionalPrinterColumn(name = "Not After", jsonPath = ".status.notAfter")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "Expiring", jsonPath = ".status.conditions[?(@.type==\"Expiring\")].status",
        priority = 1)
@AdditionalPrinterColumn(name = "Renewal", jsonPath = ".status.renewalTime", priority = 1)
@AdditionalPrinterColumn(name = "Device", jsonPath = ".status.deviceStatus", priority = 1)
@AdditionalPrinterColumn(name = "Reason", jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason",
        priority = 1)
public class DeviceEnrollment extends CustomResource<DeviceEnrollmentSpec, DeviceEnrollmentStatus>
        implements Namespaced {

    @Override
    @JsonPropertyDescription("The device: its EstServer, identity, allowed names, certificate lifetime and first "
            + "authentication.")
    public DeviceEnrollmentSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("The device's registration and certificate as the EST service reports them; written "
            + "only by the operator.")
    public DeviceEnrollmentStatus getStatus() {
        return super.getStatus();
    }
}
