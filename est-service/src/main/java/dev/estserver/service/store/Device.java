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

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A device (or workload) known by its identity within a label. */
@Entity
@Table(name = "device")
public class Device extends PanacheEntityBase {

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

    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;

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
}
