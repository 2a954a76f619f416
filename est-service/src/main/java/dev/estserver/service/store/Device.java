package dev.estserver.service.store;

import java.time.Instant;
import java.util.List;

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
        getEntityManager().createNativeQuery("""
                insert into device (label, identity, status, updated_at) values (?1, ?2, 'PENDING', now())
                on conflict (label, identity) do nothing""")
                .setParameter(1, label).setParameter(2, identity).executeUpdate();
        return find("label = ?1 and identity = ?2", label, identity)
                .withLock(LockModeType.PESSIMISTIC_WRITE).singleResult();
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
