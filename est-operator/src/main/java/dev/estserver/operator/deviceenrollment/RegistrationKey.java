package dev.estserver.operator.deviceenrollment;

import dev.estserver.operator.api.v1alpha1.DeviceEnrollmentSpec;

/**
 * How the service knows a device: its EST label and its identity (the subject common name).
 *
 * @param label {@value #DEFAULT_LABEL} for the unlabeled path
 */
record RegistrationKey(String label, String identity) {

    /** The service's name for the unlabeled path {@code /.well-known/est}. */
    static final String DEFAULT_LABEL = "default";

    static RegistrationKey of(DeviceEnrollmentSpec spec) {
        String label = spec.label() == null || spec.label().isBlank() ? DEFAULT_LABEL : spec.label().strip();
        return new RegistrationKey(label, spec.commonName());
    }

    boolean isDefaultLabel() {
        return DEFAULT_LABEL.equals(label);
    }


    @Override
    public String toString() {
        return label + "/" + identity;
    }
}
