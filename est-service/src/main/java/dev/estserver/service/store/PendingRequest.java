package dev.estserver.service.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An enrollment waiting for an operator's decision, found again by the hash of its CSR within its label. */
@Entity
@Table(name = "pending_request")
public class PendingRequest extends PanacheEntityBase {

    /** Expiry is not a stored status: a PENDING request past {@link #expiresAt} is expired. */
    public enum Status { PENDING, APPROVED, REJECTED, ISSUED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String label;

    @Column(name = "csr_sha256")
    public String csrSha256;

    @Column(name = "device_identity")
    public String deviceIdentity;

    public String subject;

    @Column(name = "subject_alt_names")
    public String subjectAltNames;

    @Column(name = "public_key")
    public String publicKey;

    @Column(name = "auth_method")
    public String authMethod;

    public String principal;

    @Column(name = "client_address")
    public String clientAddress;

    @Enumerated(EnumType.STRING)
    public Status status;

    @Column(name = "requested_at", insertable = false, updatable = false)
    public Instant requestedAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "decided_at")
    public Instant decidedAt;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decision_reason")
    public String decisionReason;

    @Column(name = "certificate_serial")
    public String certificateSerial;

    public boolean isExpired(Instant now) {
        return status == Status.PENDING && !now.isBefore(expiresAt);
    }

    /** The request of this CSR in this label, locked for the rest of the transaction. */
    public static Optional<PendingRequest> lock(String label, String csrSha256) {
        return find("label = ?1 and csrSha256 = ?2", label, csrSha256)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    public static Optional<PendingRequest> lock(long id) {
        return Optional.ofNullable(findById(id, LockModeType.PESSIMISTIC_WRITE));
    }

    /**
     * Inserts the request unless one for the same CSR exists; of two replicas receiving the first poll at once,
     * one inserts and the other finds its row.
     *
     * @return true when this call inserted it
     */
    public boolean insertIfAbsent() {
        return getEntityManager().createNativeQuery("""
                insert into pending_request (label, csr_sha256, device_identity, subject, subject_alt_names,
                    public_key, auth_method, principal, client_address, status, expires_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'PENDING', ?10)
                on conflict (label, csr_sha256) do nothing""")
                .setParameter(1, label).setParameter(2, csrSha256).setParameter(3, deviceIdentity)
                .setParameter(4, subject).setParameter(5, subjectAltNames).setParameter(6, publicKey)
                .setParameter(7, authMethod).setParameter(8, principal).setParameter(9, clientAddress)
                .setParameter(10, expiresAt).executeUpdate() == 1;
    }

    /** Requests waiting for a decision and not expired, oldest first. */
    public static List<PendingRequest> awaitingDecision(Instant now, int limit) {
        return find("status = ?1 and expiresAt > ?2 order by id", Status.PENDING, now).page(0, limit).list();
    }
}
