package dev.estserver.operator.api.v1alpha1;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.kubernetes.api.model.Condition;

/** What the operator observed of an EST service; written only by the operator. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EstServerStatus(
        @JsonPropertyDescription("The metadata.generation this status describes.")
        Long observedGeneration,
        @JsonPropertyDescription("Ready, CAReady, DatabaseReady and Degraded, with reasons.")
        List<Condition> conditions,
        @JsonPropertyDescription("The EST base URL clients use, e.g. https://est.pki.svc:8443/.well-known/est.")
        String endpoint,
        @JsonPropertyDescription("Desired pods.")
        Integer replicas,
        @JsonPropertyDescription("Pods that pass their readiness probe.")
        Integer readyReplicas,
        @JsonPropertyDescription("Serial number of the current CA certificate (hex, as openssl prints it).")
        String caSerial,
        @JsonPropertyDescription("When the current CA certificate ends (RFC 3339).")
        String caNotAfter) {
}
