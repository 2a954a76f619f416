package dev.estserver.operator.status;

/** The condition types of both resources, as Kubernetes shows them. */
public final class ConditionType {

    /** EstServer: every pod is ready and the CA, TLS and database are usable. DeviceEnrollment: a good certificate. */
    public static final String READY = "Ready";
    /** EstServer: the CA certificate and key were found (or generated) and are valid. */
    public static final String CA_READY = "CAReady";
    /** EstServer: the service's readiness check of its database passes. */
    public static final String DATABASE_READY = "DatabaseReady";
    /** EstServer: something needs a person: an invalid spec, a missing Secret, pods failing. */
    public static final String DEGRADED = "Degraded";
    /** DeviceEnrollment: the service registered the device. */
    public static final String ACCEPTED = "Accepted";
    /** DeviceEnrollment: the certificate is within its renewal window (or past its end). */
    public static final String EXPIRING = "Expiring";

    private ConditionType() {
    }
}
