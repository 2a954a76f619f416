package dev.estserver.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Required;

/** One key of a Secret in the resource's own namespace. */
public record SecretKeyRef(
        @JsonPropertyDescription("Name of the Secret.") @Required String name,
        @JsonPropertyDescription("Key within the Secret.") @Required String key) {
}
