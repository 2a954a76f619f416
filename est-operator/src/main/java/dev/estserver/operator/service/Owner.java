package dev.estserver.operator.service;

import java.util.Optional;

import io.javaoperatorsdk.operator.processing.event.ResourceID;

import dev.estserver.operator.api.v1alpha1.DeviceEnrollment;

/**
 * Who a registration or bootstrap credential belongs to, as the service records it: a stable name (a re-created
 * DeviceEnrollment keeps it) and the uid of this incarnation of the object.
 *
 * @param name e.g. {@code DeviceEnrollment apps/web}
 */
public record Owner(String name, String uid) {

    private static final String KIND = "DeviceEnrollment ";

    public static Owner of(DeviceEnrollment enrollment) {
        return new Owner(KIND + enrollment.getMetadata().getNamespace() + "/" + enrollment.getMetadata().getName(),
                enrollment.getMetadata().getUid());
    }

    /** The DeviceEnrollment named, empty for an owner that is not one. */
    public Optional<ResourceID> enrollment() {
        if (name == null || !name.startsWith(KIND)) {
            return Optional.empty();
        }
        String[] namespaceAndName = name.substring(KIND.length()).split("/", -1);
        return namespaceAndName.length == 2 ? Optional.of(new ResourceID(namespaceAndName[1], namespaceAndName[0]))
                : Optional.empty();
    }
}
