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
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One row of the append-only enrollment audit. */
@Entity
@Table(name = "enrollment_event")
public class EnrollmentEvent extends PanacheEntityBase {

    /**
     * APPROVED and DENIED are an operator's decisions on requests held for manual approval; CREATED is a credential
     * an operator created; UPDATED a device an operator suspended, resumed or reset; REVOKED a certificate revoked;
     * DELETED a device an operator deleted.
     */
    public enum Outcome { ISSUED, REJECTED, FAILED, PENDING, APPROVED, DENIED, CREATED, UPDATED, REVOKED, DELETED }

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
