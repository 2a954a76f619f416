package dev.estserver.operator.service;

/**
 * Body of {@code POST /api/v1/bootstrap-credentials}.
 *
 * @param label          the only EST label it enrolls on; null: the unlabeled path (and any label accepting Basic)
 * @param deviceIdentity the only device (CSR common name) it enrolls
 * @param oneTime        true: it enrolls one certificate only
 * @param validity       ISO-8601 duration it may be used for
 * @param owner          the service revokes every earlier credential of the same owner uid as it issues this one,
 *                       so that a retry after a lost answer never leaves two valid
 */
public record BootstrapCredentialRequest(String username, String label, String deviceIdentity, boolean oneTime,
        String validity, Owner owner) {
}
