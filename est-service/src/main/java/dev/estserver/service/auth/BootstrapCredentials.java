package dev.estserver.service.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import dev.estserver.service.crypto.Crypto;
import dev.estserver.service.policy.AuthMethod;
import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;
import dev.estserver.service.store.Credential;
import dev.estserver.service.store.Owner;

/**
 * Bootstrap credentials (HTTP Basic username and password) that operators issue at run time: per device or shared,
 * single-use or not, with an expiry. The password is generated, shown once, and stored as an Argon2id hash.
 */
@ApplicationScoped
public class BootstrapCredentials {

    private final CredentialRestrictions restrictions;
    private final BootstrapCredentialCache cache;
    private final TransactionSynchronizationRegistry transactions;

    BootstrapCredentials(CredentialRestrictions restrictions, BootstrapCredentialCache cache,
            TransactionSynchronizationRegistry transactions) {
        this.restrictions = restrictions;
        this.cache = cache;
        this.transactions = transactions;
    }

    /**
     * A newly issued credential; {@link #password()} exists only here.
     *
     * @param replaced the earlier credentials of the same owner that the issue revoked
     */
    public record Issued(Credential credential, String password, List<Credential> replaced) {

        @Override
        public String toString() {
            return "Issued[" + credential.username + "]";
        }
    }

    /**
     * @param username       null: a generated one
     * @param label          null: any label that accepts Basic (demo mode only)
     * @param deviceIdentity null: any device; else the identity the CSR must name
     * @param owner          null: nobody in particular; else the credential replaces every unrevoked one issued for
     *                       the same owner uid, which are revoked in the same transaction: a retry of an issue whose
     *                       answer was lost leaves one valid credential, the one whose password the caller has
     * @throws IllegalArgumentException for a label that does not accept Basic, or a validity that is not positive
     * @throws RequestRejected          409 when the username is taken, or when a credential was issued for the owner
     *                                  by a request that began after this one
     */
    @Transactional
    public Issued issue(String username, String label, String deviceIdentity, boolean oneTime, Duration validity,
            Owner owner) {
        restrictions.requireIssuable("bootstrap credential", AuthMethod.BASIC, label, deviceIdentity, validity);
        String name = username == null || username.isBlank() ? generatedUsername() : username.strip();
        if (name.contains(":")) {
            throw new IllegalArgumentException("a bootstrap username cannot contain ':' (HTTP Basic separates "
                    + "username and password with it), got '" + name + "'");
        }
        if (Credential.findBootstrap(name).isPresent()) {
            throw new RequestRejected(Problem.CONFLICT, "a bootstrap credential named '" + name + "' exists; "
                    + "revoke it or choose another username");
        }
        String password = OneTimeCodes.newCode();
        Credential credential = new Credential();
        credential.kind = Credential.Kind.BOOTSTRAP;
        credential.username = name;
        credential.secretHash = PasswordHasher.hash(password);
        credential.label = label;
        credential.deviceIdentity = deviceIdentity;
        credential.oneTime = oneTime;
        credential.expiresAt = Instant.now().plus(validity);
        credential.owner = owner;
        List<Credential> replaced = owner == null ? List.of() : earlierOf(owner);
        replaced.forEach(this::revokeNow);
        credential.persist();
        return new Issued(credential, password, replaced);
    }

    /**
     * The owner's unrevoked credentials, which an issue for it replaces, locked. One created by a request that began
     * after this one is a retry sent while this one was still running, and its caller holds its password: this one
     * must not replace it, and is refused instead.
     */
    private static List<Credential> earlierOf(Owner owner) {
        Instant began = Credential.lockOwner(owner.uid());
        List<Credential> unrevoked = Credential.lockUnrevokedBootstrapOf(owner.uid());
        for (Credential later : unrevoked) {
            if (later.createdAt.isAfter(began)) {
                throw new RequestRejected(Problem.CONFLICT, "bootstrap credential '" + later.username + "' was "
                        + "issued for " + owner.describe() + " at " + later.createdAt + " by a request that began "
                        + "after this one (at " + began + "); this older request does not replace it and issues "
                        + "nothing");
            }
        }
        return unrevoked;
    }

    /** Bootstrap credentials by id after {@code afterId}; their secrets are never returned. */
    @Transactional
    public List<Credential> page(Long afterId, int limit) {
        return Credential.page(Credential.Kind.BOOTSTRAP, afterId, limit);
    }

    /** The credential can no longer enroll; certificates it already enrolled stay valid. */
    @Transactional
    public Credential revoke(String username) {
        Credential credential = Credential.findBootstrap(username).orElseThrow(() -> new RequestRejected(
                Problem.NOT_FOUND, "no bootstrap credential named '" + username + "'"));
        if (credential.revokedAt != null) {
            throw new RequestRejected(Problem.CONFLICT, "bootstrap credential '" + username + "' was already "
                    + "revoked at " + credential.revokedAt);
        }
        revokeNow(credential);
        return credential;
    }

    /** Every unrevoked bootstrap credential issued for the owner of {@code ownerUid}: none when it has none left. */
    @Transactional
    public List<Credential> revokeOwnedBy(String ownerUid) {
        Credential.lockOwner(ownerUid);
        List<Credential> revoked = Credential.lockUnrevokedBootstrapOf(ownerUid);
        revoked.forEach(this::revokeNow);
        return revoked;
    }

    private void revokeNow(Credential credential) {
        credential.revokedAt = Instant.now();
        evictAfterCompletion(credential.username);
    }

    /**
     * After the commit, not before: a request that reads the row between an eviction and the commit would cache the
     * credential as not revoked.
     */
    private void evictAfterCompletion(String username) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // nothing to do until the outcome is known
            }

            @Override
            public void afterCompletion(int status) {
                cache.evict(username);
            }
        });
    }

    private static String generatedUsername() {
        byte[] random = new byte[6];
        Crypto.RANDOM.nextBytes(random);
        return "bootstrap-" + HexFormat.of().formatHex(random);
    }
}
