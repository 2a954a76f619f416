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

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A device (or workload) known by its identity within a label. */
@Entity
@Table(name = "device")
public class Device extends PanacheEntityBase {

    /**
     * PENDING: registered or seen, holding no valid certificate (never enrolled, reset, or its current certificate
     * was revoked); it may enroll. ACTIVE: its current certificate is valid (it may have expired); it renews with
     * {@code /simplereenroll}. SUSPENDED: an operator stopped it from enrolling and renewing; its certificate stays
     * valid. REVOKED: deleted, with every certificate revoked; only an operator's reset (or registration) brings it
     * back as PENDING.
     */
    public enum Status { PENDING, ACTIVE, SUSPENDED, REVOKED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String label;

    public String identity;

    @Enumerated(EnumType.STRING)
    public Status status;

    @Column(name = "current_certificate_serial")
    public String currentCertificateSerial;

    /**
     * The subject alternative names the device may be issued, as {@code DNS:...}, {@code IP:...}, {@code URI:...} or
     * {@code email:...}; null: no restriction beyond the profile's rules.
     */
    @Column(name = "allowed_sans")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] allowedSans;

    /** The longest validity of the device's certificates; null: the profile's. */
    @Column(name = "validity_seconds")
    public Long validitySeconds;

    /** Whom the registration belongs to; null: nobody claimed it (made by hand, or by a first enrollment). */
    @Embedded
    public Owner owner;

    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;

    /**
     * When anything the device's registration shows last changed: every write of the row sets it, and so does the
     * revocation of its current certificate ({@link #currentCertificateRevoked}), which changes no other column.
     * One rule, so that the changes feed ({@link #changedAfter}) misses nothing. It is the writer's clock when its
     * transaction wrote the row (for a first enrollment, when the certificate was issued), not when it committed:
     * a change may become visible after rows stamped later than it, which is why readers of the feed ask again from a
     * little before the time of their previous reading.
     */
    @Column(name = "updated_at")
    public Instant updatedAt;

    /**
     * Returns the device, created as PENDING if it is new, locked for the rest of the transaction. Of two
     * concurrent first enrollments the second waits here until the first commits, then sees its result; this is
     * what makes "exactly one wins" hold across replicas.
     */
    public static Device lockOrCreate(String label, String identity) {
        createIfAbsent(label, identity);
        return lock(label, identity).orElseThrow();
    }

    /** Creates the device as PENDING unless it exists; true if this call created it. */
    public static boolean createIfAbsent(String label, String identity) {
        return getEntityManager().createNativeQuery("""
                insert into device (label, identity, status, updated_at) values (?1, ?2, 'PENDING', now())
                on conflict (label, identity) do nothing""")
                .setParameter(1, label).setParameter(2, identity).executeUpdate() == 1;
    }

    /** The device, locked for the rest of the transaction. */
    public static Optional<Device> lock(String label, String identity) {
        return find("label = ?1 and identity = ?2", label, identity)
                .withLock(LockModeType.PESSIMISTIC_WRITE).singleResultOptional();
    }

    /** The device that was issued the certificate of {@code serial}, locked for the rest of the transaction. */
    public static Optional<Device> lockOfCertificate(String serial) {
        return find("id = (select c.deviceId from CertificateRecord c where c.serial = ?1)", serial)
                .withLock(LockModeType.PESSIMISTIC_WRITE).singleResultOptional();
    }

    /**
     * After the device's current certificate {@code serial} was revoked: an ACTIVE device becomes PENDING, since it
     * holds no valid certificate any more and may enroll again; a suspended or deleted one keeps its status. The
     * certificate stays its current one, so that its registration shows which certificate was revoked. Revokers lock
     * the device before the certificate, the order of every path that changes both, so this write never waits for a
     * transaction that waits for theirs.
     */
    public static void currentCertificateRevoked(String serial) {
        update("""
                updatedAt = ?1, status = case when status = ?2 then ?3 else status end
                where currentCertificateSerial = ?4""", Instant.now(), Status.ACTIVE, Status.PENDING, serial);
    }

    /** The device as it is now, unlocked. */
    public static Optional<Device> lookup(String label, String identity) {
        return find("label = ?1 and identity = ?2", label, identity).singleResultOptional();
    }

    /** Devices after {@code afterId} in id order, at most {@code limit}. */
    public static List<Device> page(DeviceFilter filter, Long afterId, int limit) {
        Conditions where = new Conditions()
                .and("label = :label", "label", filter.label())
                .and("status = :status", "status", filter.status())
                .and("identity like :prefix escape '\\'", "prefix", Conditions.startingWith(filter.identityPrefix()))
                .and("currentCertificateSerial in "
                        + "(select c.serial from CertificateRecord c where c.notAfter < :before)",
                        "before", filter.expiringBefore())
                .and("id > :after", "after", afterId);
        return find(where.query("id"), where.parameters()).page(0, limit).list();
    }

    /**
     * Devices after the position ({@code changedAt}, {@code afterId}) in the order of their last change (then id),
     * at most {@code limit}; from the first when {@code changedAt} is null. The keyset of the changes feed, which the
     * index on (updated_at, id) serves.
     */
    public static List<Device> changedAfter(Instant changedAt, long afterId, int limit) {
        return (changedAt == null ? find("order by updatedAt, id")
                : find("(updatedAt, id) > (?1, ?2) order by updatedAt, id", changedAt, afterId)).page(0, limit).list();
    }
}
