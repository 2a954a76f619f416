package dev.estserver.service.store;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One row of the append-only enrollment audit. */
@Entity
@Table(name = "enrollment_event")
public class EnrollmentEvent extends PanacheEntityBase {

    /**
     * APPROVED and DENIED are an operator's decisions on requests held for manual approval; CREATED is a credential
     * an operator created; UPDATED a device an operator suspended, resumed or reset; REVOKED a certificate revoked;
     * DELETED a device an operator deleted; SIGNED_IN and SIGNED_OUT an operator's console session.
     */
    public enum Outcome {
        ISSUED, REJECTED, FAILED, PENDING, APPROVED, DENIED, CREATED, UPDATED, REVOKED, DELETED, SIGNED_IN, SIGNED_OUT
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "occurred_at")
    public Instant occurredAt;

    @Column(name = "request_id")
    public String requestId;

    public String operation;

    public String label;

    @Enumerated(EnumType.STRING)
    public Outcome outcome;

    @Column(name = "status_code")
    public int statusCode;

    @Column(name = "auth_method")
    public String authMethod;

    public String principal;

    @Column(name = "client_address")
    public String clientAddress;

    @Column(name = "device_identity")
    public String deviceIdentity;

    public String serial;

    public String reason;

    /**
     * The requests of the service's clients (EST, CRL, OCSP), as a SQL condition on {@code operation}: the admin API's
     * and the console's are an operator's.
     */
    public static final String CLIENT_REQUESTS = "operation not like 'admin.%' and operation not like 'console.%'";

    /**
     * When each device last sent a request, refused or not ("which devices are online"), keyed by device id; devices
     * never heard from are absent. One query, served by the index on (device_identity, label, occurred_at).
     */
    public static Map<Long, Instant> lastContacts(Collection<Device> devices) {
        if (devices.isEmpty()) {
            return Map.of();
        }
        Map<String, Long> ids = new HashMap<>();
        devices.forEach(device -> ids.put(device.label + '\n' + device.identity, device.id));
        Map<Long, Instant> contacts = new HashMap<>();
        List<?> rows = getEntityManager().createNativeQuery("""
                select label, device_identity, max(occurred_at) from enrollment_event
                where device_identity = any(?1) and label = any(?2) and %s
                group by label, device_identity""".formatted(CLIENT_REQUESTS))
                .setParameter(1, devices.stream().map(d -> d.identity).distinct().toArray(String[]::new))
                .setParameter(2, devices.stream().map(d -> d.label).distinct().toArray(String[]::new))
                .getResultList();
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            Long id = ids.get(columns[0] + "\n" + columns[1]);
            if (id != null) {
                contacts.put(id, Timestamps.instant(columns[2]));
            }
        }
        return contacts;
    }

    /** Events before {@code beforeId}, newest first, at most {@code limit}. */
    public static List<EnrollmentEvent> page(EventFilter filter, Long beforeId, int limit) {
        Conditions where = new Conditions()
                .and("deviceIdentity = :device", "device", filter.deviceIdentity())
                .and("operation = :operation", "operation", filter.operation())
                .and("outcome = :outcome", "outcome", filter.outcome())
                .and("occurredAt >= :from", "from", filter.from())
                .and("occurredAt < :to", "to", filter.to())
                .and("id < :before", "before", beforeId);
        return find(where.query("id desc"), where.parameters()).page(0, limit).list();
    }
}
