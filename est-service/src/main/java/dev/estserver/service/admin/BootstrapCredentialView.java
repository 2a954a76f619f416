package dev.estserver.service.admin;

import java.time.Instant;

import dev.estserver.service.store.Credential;

/**
 * A bootstrap credential as the admin API shows it: never its secret.
 *
 * @param password the generated password, only in the answer that issued it; null everywhere else
 */
public record BootstrapCredentialView(long id, String username, String password, String label,
        String deviceIdentity, boolean oneTime, Instant expiresAt, Instant usedAt, Instant revokedAt,
        Instant createdAt) {

    static BootstrapCredentialView of(Credential c, String password) {
        return new BootstrapCredentialView(c.id, c.username, password, c.label, c.deviceIdentity, c.oneTime,
                c.expiresAt, c.usedAt, c.revokedAt, c.createdAt);
    }
}
