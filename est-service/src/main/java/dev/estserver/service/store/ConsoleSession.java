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

/**
 * A signed-in session of the operations console. The browser holds the session's secret; only its SHA-256 is
 * stored here.
 */
@Entity
@Table(name = "console_session")
public class ConsoleSession extends PanacheEntityBase {

    /** How the session was opened. */
    public enum Method { ADMIN_TOKEN, CLIENT_CERTIFICATE }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "secret_hash")
    public String secretHash;

    /** What each form that changes something must send back. */
    @Column(name = "csrf_token")
    public String csrfToken;

    @Enumerated(EnumType.STRING)
    public AdminRole role;

    @Enumerated(EnumType.STRING)
    @Column(name = "auth_method")
    public Method method;

    /** The admin token's name, or the client certificate's subject. */
    public String principal;

    /** The admin token signed in with; null for a certificate's session. */
    @Column(name = "token_id")
    public Long tokenId;

    /** The client certificate signed in with; null for a token's session. */
    @Column(name = "certificate_sha256")
    public String certificateSha256;

    @Column(name = "client_address")
    public String clientAddress;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "last_seen_at")
    public Instant lastSeenAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    public static Optional<ConsoleSession> findBySecretHash(String secretHash) {
        return find("secretHash", secretHash).firstResultOptional();
    }

    /** Forgets sessions that ended or expired before {@code before}; they can never be used again. */
    public static long deleteEndedBefore(Instant before) {
        return delete("expiresAt < ?1 or endedAt < ?1", before);
    }
}
