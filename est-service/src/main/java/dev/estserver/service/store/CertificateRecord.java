package dev.estserver.service.store;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Every certificate the service issued, kept for status, renewal and audit. */
@Entity
@Table(name = "certificate")
public class CertificateRecord extends PanacheEntityBase {

    public enum Status { GOOD, REVOKED }

    /** Upper-case hexadecimal, as {@code openssl x509 -serial} prints it. */
    @Id
    public String serial;

    @Column(name = "device_id")
    public Long deviceId;

    public String label;

    public String issuer;

    public String subject;

    @Column(name = "subject_alt_names")
    public String subjectAltNames;

    @Column(name = "not_before")
    public Instant notBefore;

    @Column(name = "not_after")
    public Instant notAfter;

    @Column(name = "fingerprint_sha256")
    public String fingerprintSha256;

    public byte[] der;

    @Enumerated(EnumType.STRING)
    public Status status;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "revocation_reason")
    public Integer revocationReason;

    @Column(name = "replaces_serial")
    public String replacesSerial;

    @Column(name = "issued_at")
    public Instant issuedAt;

    public static Optional<CertificateRecord> findBySerial(String serial) {
        return findByIdOptional(serial);
    }

    public static Optional<CertificateRecord> lock(String serial) {
        return Optional.ofNullable(findById(serial, LockModeType.PESSIMISTIC_WRITE));
    }

    /** Certificates after {@code afterSerial} in serial order, at most {@code limit}. */
    public static List<CertificateRecord> page(CertificateFilter filter, String afterSerial, int limit) {
        Conditions where = new Conditions()
                .and("label = :label", "label", filter.label())
                .and("status = :status", "status", filter.status())
                .and("notAfter < :before", "before", filter.expiringBefore())
                .and("deviceId in (select d.id from Device d where d.identity like :prefix escape '\\')", "prefix",
                        Conditions.startingWith(filter.identityPrefix()))
                .and("deviceId = :device", "device", filter.deviceId())
                .and("serial > :after", "after", afterSerial);
        return find(where.query("serial"), where.parameters()).page(0, limit).list();
    }

    /** A device's certificates, newest first. */
    public static List<CertificateRecord> ofDevice(long deviceId) {
        return list("deviceId = ?1 order by issuedAt desc, serial", deviceId);
    }

    /** A device's certificates that are not revoked, locked for the rest of the transaction. */
    public static List<CertificateRecord> lockGoodOfDevice(long deviceId) {
        return find("deviceId = ?1 and status = ?2 order by serial", deviceId, Status.GOOD)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /**
     * The current certificates of {@code devices}, by serial, read in one query. The map answers null for a null
     * serial (a device without one), which {@code Map.of()} would refuse.
     */
    public static Map<String, CertificateRecord> currentOf(Collection<Device> devices) {
        List<String> serials = devices.stream().map(d -> d.currentCertificateSerial).filter(Objects::nonNull).toList();
        if (serials.isEmpty()) {
            return Collections.emptyMap();
        }
        return CertificateRecord.<CertificateRecord>list("serial in ?1", serials).stream()
                .collect(Collectors.toMap(c -> c.serial, Function.identity()));
    }

    public void revoke(int reason, Instant at) {
        status = Status.REVOKED;
        revocationReason = reason;
        revokedAt = at;
    }
}
