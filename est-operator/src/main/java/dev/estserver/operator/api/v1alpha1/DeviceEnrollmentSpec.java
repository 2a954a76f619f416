package dev.estserver.operator.api.v1alpha1;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * A device allowed to enroll: who it is, what its certificate may name, how long it lasts and how it authenticates
 * its first enrollment. Key type, key usage and EKU come from the label's profile on the EstServer.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeviceEnrollmentSpec(
        @JsonPropertyDescription("The EstServer this device enrolls with.")
        @Required ServerRef serverRef,
        @JsonPropertyDescription("EST label (/.well-known/est/<label>) whose profile issues the certificate. "
                + "Default: the unlabeled path (label 'default').")
        String label,
        @JsonPropertyDescription("Subject common name; it is the device's identity in the service.")
        @Required String commonName,
        @JsonPropertyDescription("DNS names the certificate may carry.")
        List<String> dnsNames,
        @JsonPropertyDescription("IP addresses the certificate may carry.")
        List<String> ipAddresses,
        @JsonPropertyDescription("URIs (e.g. SPIFFE IDs) the certificate may carry.")
        List<String> uris,
        @JsonPropertyDescription("Lifetime of the certificate, at most the profile's. Default: the profile's.")
        String duration,
        @JsonPropertyDescription("How long before its end the certificate counts as Expiring and should be "
                + "renewed. Default: a third of its lifetime.")
        String renewBefore,
        @JsonPropertyDescription("How the device authenticates its first enrollment.")
        AuthenticationSpec authentication,
        @JsonPropertyDescription("True: the device may not enroll or re-enroll; its certificate stays valid.")
        Boolean suspended) {

    /** First-enrollment authentication. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @ValidationRule(value = "self.method == 'BootstrapSecret' || !has(self.bootstrapSecretName)",
            message = "bootstrapSecretName applies only to method BootstrapSecret")
    public record AuthenticationSpec(
            @JsonPropertyDescription("BootstrapSecret (default): the operator creates a one-time HTTP Basic "
                    + "credential in a Secret for the init container. ClientCertificate: the device "
                    + "authenticates with a certificate the service trusts (e.g. a manufacturer IDevID).")
            Method method,
            @JsonPropertyDescription("Name of the bootstrap Secret. Default: <name>-est-bootstrap.")
            String bootstrapSecretName,
            @JsonPropertyDescription("How long the bootstrap credential may be used. Default 168h (7 days).")
            String bootstrapValidity,
            @JsonPropertyDescription("False (default): the bootstrap credential enrolls once. True: it enrolls "
                    + "again until it expires, so a pod that lost its in-memory volume (rescheduled, restarted) "
                    + "enrolls anew; pair it with duplicateDevice: replace on the label's profile. The operator "
                    + "replaces a reusable credential when a third of its validity is left.")
            Boolean reusable) {

        /** Authentication methods. */
        public enum Method { BootstrapSecret, ClientCertificate }
    }

    /** The EstServer to enroll with. */
    public record ServerRef(
            @JsonPropertyDescription("Name of the EstServer.") @Required String name,
            @JsonPropertyDescription("Its namespace. Default: the DeviceEnrollment's; the EstServer must allow "
                    + "this namespace in spec.enrollment.allowedNamespaces.")
            String namespace) {
    }
}
