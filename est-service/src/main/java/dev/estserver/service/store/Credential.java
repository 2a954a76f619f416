package dev.estserver.service.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;

/** A bootstrap credential, one-time enrollment code or admin token. Only the hash of the secret is stored. */
@Entity
@Table(name = "credential")
public class Credential extends PanacheEntityBase {

    public enum Kind { BOOTSTRAP, ADMIN_TOKEN, ONE_TIME_CODE }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Enumerated(EnumType.STRING)
    public Kind kind;

    public String username;

    @Column(name = "secret_hash")
    public String secretHash;

    /** When set, the credential may only enroll on this EST label. */
    public String label;

    /** When set, the credential may only enroll this device identity. */
    @Column(name = "device_identity")
    public String deviceIdentity;

    @Column(name = "one_time")
    public boolean oneTime;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "used_at")
    public Instant usedAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    /** What an admin token may do; null for every other kind. */
    @Enumerated(EnumType.STRING)
    public AdminRole role;

    /** Whom a bootstrap credential was issued for; null: nobody in particular, and for every other kind. */
    @Embedded
    public Owner owner;

    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;

    public static Optional<Credential> findAdminToken(String secretHash) {
        return find("kind = ?1 and secretHash = ?2", Kind.ADMIN_TOKEN, secretHash).firstResultOptional();
    }

    /** Credentials of {@code kind} by id after {@code afterId} (null: from the first), at most {@code limit}. */
    public static List<Credential> page(Kind kind, Long afterId, int limit) {
        return find("kind = ?1 and id > ?2 order by id", kind, afterId == null ? 0L : afterId).page(0, limit)
                .list();
    }

    public static Optional<Credential> findBootstrap(String username) {
        return find("kind = ?1 and username = ?2", Kind.BOOTSTRAP, username).firstResultOptional();
    }

    /**
     * Locks the owner of {@code ownerUid} until the transaction ends, so that of two transactions issuing or revoking
     * bootstrap credentials for one owner the second waits for the first, then sees the credential it committed. No
     * row can be locked instead: the owner may have none yet.
     *
     * @return when the caller's transaction began, on the database's clock, which stamps {@link #createdAt}
     */
    public static Instant lockOwner(String ownerUid) {
        return (Instant) getEntityManager().createNativeQuery(
                "select now() from pg_advisory_xact_lock(hashtext('credential.owner_uid'), hashtext(?1))",
                Instant.class).setParameter(1, ownerUid).getSingleResult();
    }

    /** The unrevoked bootstrap credentials issued for the owner of {@code ownerUid}, locked, oldest first. */
    public static List<Credential> lockUnrevokedBootstrapOf(String ownerUid) {
        return find("kind = ?1 and owner.uid = ?2 and revokedAt is null order by id", Kind.BOOTSTRAP, ownerUid)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    public static Optional<Credential> findOneTimeCode(String secretHash) {
        return find("kind = ?1 and secretHash = ?2", Kind.ONE_TIME_CODE, secretHash).firstResultOptional();
    }

    /**
     * Uses up a single-use credential, in the caller's transaction. The conditional update is the only arbiter
     * between concurrent uses: the second waits for the first's row lock and then finds the row used.
     */
    public static void consume(long id, String name) {
        int updated = getEntityManager()
                .createNativeQuery("update credential set used_at = now() where id = ?1 and used_at is null")
                .setParameter(1, id).executeUpdate();
        if (updated == 0) {
            throw new RequestRejected(Problem.UNAUTHENTICATED, name + " already used: another enrollment with it "
                    + "was completed first");
        }
    }
}
