package dev.estserver.operator.api.v1alpha1;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.kubernetes.api.model.Condition;

/** The device's registration and current certificate as the EST service reports them. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeviceEnrollmentStatus(
        @JsonPropertyDescription("The metadata.generation this status describes.")
        Long observedGeneration,
        @JsonPropertyDescription("Accepted, Ready and Expiring, with reasons.")
        List<Condition> conditions,
        @JsonPropertyDescription("The device's state in the service: PENDING, ACTIVE, SUSPENDED or REVOKED.")
        String deviceStatus,
        @JsonPropertyDescription("Serial number of the current certificate (hex, as openssl prints it).")
        String serial,
        @JsonPropertyDescription("Start of the current certificate's validity (RFC 3339).")
        String notBefore,
        @JsonPropertyDescription("End of the current certificate's validity (RFC 3339).")
        String notAfter,
        @JsonPropertyDescription("When the certificate should be renewed (RFC 3339).")
        String renewalTime,
        @JsonPropertyDescription("The Secret holding the bootstrap credential, when the method uses one.")
        String bootstrapSecretName,
        @JsonPropertyDescription("Username of the last bootstrap credential the operator issued, kept to revoke it "
                + "when its Secret is lost or the DeviceEnrollment is deleted.")
        String bootstrapUsername) {
}
