package dev.estserver.operator.status;

/** Condition reasons, UpperCamelCase as Kubernetes expects. Each names one cause a person can act on. */
public final class Reason {

    // Spec problems: the message names the field.
    public static final String INVALID_DURATION = "InvalidDuration";
    public static final String INVALID_SPEC = "InvalidSpec";
    public static final String CA_SOURCE_CONFLICT = "CASourceConflict";
    public static final String SECRET_NOT_FOUND = "SecretNotFound";
    public static final String SECRET_KEY_MISSING = "SecretKeyMissing";
    public static final String INVALID_CERTIFICATE = "InvalidCertificate";

    // EstServer.
    public static final String CA_LOADED = "CALoaded";
    public static final String CA_GENERATED = "CAGenerated";
    public static final String CA_EXPIRED = "CAExpired";
    public static final String DEPLOYMENT_AVAILABLE = "DeploymentAvailable";
    public static final String PODS_STARTING = "PodsStarting";
    public static final String DATABASE_REACHABLE = "DatabaseReachable";
    public static final String DATABASE_UNREACHABLE = "DatabaseUnreachable";
    public static final String SERVICE_UNREACHABLE = "ServiceUnreachable";
    public static final String AS_EXPECTED = "AsExpected";
    public static final String NOT_EVALUATED = "NotEvaluated";

    // DeviceEnrollment.
    public static final String REGISTERED = "Registered";
    public static final String SERVER_NOT_FOUND = "ServerNotFound";
    public static final String NAMESPACE_NOT_ALLOWED = "NamespaceNotAllowed";
    public static final String SERVER_NOT_READY = "ServerNotReady";
    public static final String REGISTRATION_FAILED = "RegistrationFailed";
    public static final String AWAITING_ENROLLMENT = "AwaitingEnrollment";
    public static final String CERTIFICATE_ISSUED = "CertificateIssued";
    public static final String CERTIFICATE_REVOKED = "CertificateRevoked";
    public static final String SUSPENDED = "Suspended";
    public static final String WITHIN_RENEWAL_WINDOW = "WithinRenewalWindow";
    public static final String EXPIRED = "Expired";
    public static final String VALID = "Valid";
    /** Another DeviceEnrollment owns the device identity in that server; nothing of it was touched. */
    public static final String IDENTITY_CONFLICT = "IdentityConflict";
    /** Deleting waits: the service has not been asked to revoke yet (not reachable, or left alone after a 503). */
    public static final String REVOCATION_PENDING = "RevocationPending";
    /** Deleting waits: the service could not revoke the device's certificates yet. */
    public static final String REVOCATION_FAILED = "RevocationFailed";
    /** The reconciler failed in a way it did not expect; the message has the error. */
    public static final String RECONCILE_ERROR = "ReconcileError";

    private Reason() {
    }
}
