package dev.estserver.service.admin;

import java.time.Instant;
import java.util.List;

import dev.estserver.service.auth.BootstrapCredentials;
import dev.estserver.service.store.Credential;
import dev.estserver.service.store.Owner;

/**
 * A bootstrap credential as the admin API shows it: never its secret.
 *
 * @param password the generated password, only in the answer that issued it; null everywhere else
 * @param owner    whom it was issued for; null: nobody in particular
 * @param replaced the usernames of the earlier credentials of the same owner that issuing this one revoked (empty
 *                 when there were none), only in the answer that issued it; null everywhere else
 */
public record BootstrapCredentialView(long id, String username, String password, String label,
        String deviceIdentity, boolean oneTime, Owner owner, Instant expiresAt, Instant usedAt, Instant revokedAt,
        Instant createdAt, List<String> replaced) {

    static BootstrapCredentialView of(Credential c) {
        return of(c, null, null);
    }

    static BootstrapCredentialView issued(BootstrapCredentials.Issued issued) {
        return of(issued.credential(), issued.password(), issued.replaced().stream().map(c -> c.username).toList());
    }

    private static BootstrapCredentialView of(Credential c, String password, List<String> replaced) {
        return new BootstrapCredentialView(c.id, c.username, password, c.label, c.deviceIdentity, c.oneTime, c.owner,
                c.expiresAt, c.usedAt, c.revokedAt, c.createdAt, replaced);
    }
}
