package dev.estserver.operator.service;

import java.time.Instant;
import java.util.List;

/**
 * The part of est-service's admin API ({@code /api/v1}) the operator uses. Every call names the service it talks to;
 * a non-2xx answer or an unreachable service is an {@link AdminApiException}.
 */
public interface AdminApi {

    /**
     * Creates or replaces the device's registration ({@code PUT}, idempotent).
     *
     * @throws AdminApiException 409 ({@link AdminApiException#isConflict()}) when another owner holds it
     */
    RegistrationView register(ServiceConnection service, String label, String identity, RegistrationRequest request);

    /**
     * One page of the registrations changed at or after {@code since} (every registration when null).
     *
     * @param cursor the previous page's {@code nextCursor}, null for the first page
     */
    RegistrationChanges registrationsChangedSince(ServiceConnection service, Instant since, String cursor);

    /**
     * Revokes every certificate of the device (reason cessationOfOperation) and ends its registration, unless it
     * belongs to another owner.
     *
     * @param ownerUid the uid of the caller's DeviceEnrollment
     * @return false when the service did not know the device: there is nothing left to revoke
     * @throws AdminApiException 409 when the registration belongs to another owner
     */
    boolean deregister(ServiceConnection service, String label, String identity, String ownerUid);

    /** Issues a bootstrap credential; the answer is the only place its password ever appears. */
    IssuedBootstrapCredential issueBootstrapCredential(ServiceConnection service, BootstrapCredentialRequest request);

    /**
     * Revokes a bootstrap credential so that it can no longer enroll.
     *
     * @return false when the service did not know it or had already revoked it: it cannot enroll either way
     */
    boolean revokeBootstrapCredential(ServiceConnection service, String username);

    /** Revokes every bootstrap credential ever issued to that owner; the usernames revoked now. */
    List<String> revokeBootstrapCredentialsOf(ServiceConnection service, String ownerUid);
}
