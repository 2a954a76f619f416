package dev.estserver.service.store;

import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A bootstrap credential or admin token. Only the hash of the secret is stored. */
@Entity
@Table(name = "credential")
public class Credential extends PanacheEntityBase {

    public enum Kind { BOOTSTRAP, ADMIN_TOKEN }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Enumerated(EnumType.STRING)
    public Kind kind;

    public String username;

    @Column(name = "secret_hash")
    public String secretHash;

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

    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;

    public static Optional<Credential> findAdminToken(String secretHash) {
        return find("kind = ?1 and secretHash = ?2", Kind.ADMIN_TOKEN, secretHash).firstResultOptional();
    }

    public static Optional<Credential> findBootstrap(String username) {
        return find("kind = ?1 and username = ?2", Kind.BOOTSTRAP, username).firstResultOptional();
    }
}
