package dev.estserver.operator.service;

import java.util.Optional;

/**
 * The part of est-service's admin API ({@code /api/v1}) the operator uses. Every call names the service it talks to;
 * a non-2xx answer or an unreachable service is an {@link AdminApiException}.
 */
public interface AdminApi {

    /** The device's registration, empty when the service does not know it. */
    Optional<RegistrationView> registration(ServiceConnection service, String label, String identity);

    /** Creates or replaces the device's registration ({@code PUT}, idempotent). */
    RegistrationView register(ServiceConnection service, String label, String identity, RegistrationRequest request);

    /**
     * Revokes every certificate of the device (reason cessationOfOperation) and ends its registration.
     *
     * @return false when the service did not know the device: there is nothing left to revoke
     */
    boolean deregister(ServiceConnection service, String label, String identity);

    /** Issues a bootstrap credential; the answer is the only place its password ever appears. */
    IssuedBootstrapCredential issueBootstrapCredential(ServiceConnection service, BootstrapCredentialRequest request);

    /**
     * Revokes a bootstrap credential so that it can no longer enroll.
     *
     * @return false when the service did not know it or had already revoked it: it cannot enroll either way
     */
    boolean revokeBootstrapCredential(ServiceConnection service, String username);
}
