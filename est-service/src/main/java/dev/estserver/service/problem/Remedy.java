package dev.estserver.service.problem;

/**
 * What a refused client can do about it. The domain says which remedy applies; each protocol words it in its own
 * terms (EST names its {@code /simplereenroll} path), so no domain message has to know a protocol.
 */
public sealed interface Remedy {

    /** Renew the device's current certificate on {@code label}, or have an operator reset the device. */
    record RenewOrReset(String label) implements Remedy {
    }

    /** Renew the certificate on {@code label}, the label it was issued under. */
    record RenewOn(String label) implements Remedy {
    }

    /** Enroll again from the start, once an operator has reset the device. */
    record EnrollAfterReset() implements Remedy {
    }
}
