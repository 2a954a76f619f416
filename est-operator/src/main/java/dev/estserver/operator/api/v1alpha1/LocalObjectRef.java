package dev.estserver.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Required;

/** A Secret or ConfigMap in the resource's own namespace. */
public record LocalObjectRef(@JsonPropertyDescription("Name of the object.") @Required String name) {
}
