package dev.estserver.service.enrollment;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.bouncycastle.cert.X509CertificateHolder;

import io.agroal.api.AgroalDataSource;

import dev.estserver.service.store.CertificateRecord;
import dev.estserver.service.store.EnrollmentEvent;

/**
 * The first enrollment of a device that does not exist yet, which is what almost every {@code /simpleenroll} is:
 * the device, its certificate and the audit row in one SQL statement, so one round trip to PostgreSQL that
 * commits on its own. The general path ({@link IssuanceRecorder}) locks the device and takes six. The rows are the
 * ones {@link IssuedRows} builds for the general path too.
 * <p>
 * The device is inserted only if no device of that identity exists ({@code on conflict do nothing}), and the other
 * two rows are inserted from the device insert's result, so a device that appeared meanwhile (a concurrent first
 * enrollment, an operator's registration) writes nothing: the caller then takes the general path, which decides
 * under the device lock exactly as before.
 */
@ApplicationScoped
class FirstEnrollments {

    private static final String INSERT = """
            with new_device as (
                insert into device (label, identity, status, current_certificate_serial, updated_at)
                values (?, ?, 'ACTIVE', ?, ?)
                on conflict (label, identity) do nothing
                returning id),
            issued as (
                insert into certificate (serial, device_id, label, issuer, subject, subject_alt_names, not_before,
                    not_after, fingerprint_sha256, der, status, issued_at)
                select ?, id, ?, ?, ?, ?, ?, ?, ?, ?, 'GOOD', ? from new_device
                returning serial),
            audited as (
                insert into enrollment_event (occurred_at, request_id, operation, label, outcome, status_code,
                    auth_method, principal, client_address, device_identity, serial, reason)
                select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, serial, ? from issued
                returning id)
            select count(*) from audited""";

    private final AgroalDataSource dataSource;

    FirstEnrollments(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * @return the issued certificate, or empty when the device exists after all and nothing was written
     */
    Optional<IssuedCertificate> record(EstExchange exchange, X509CertificateHolder certificate) {
        Instant now = Instant.now();
        CertificateRecord record = IssuedRows.certificate(certificate, exchange.label(), null, now);
        EnrollmentEvent event = IssuedRows.event(exchange, record);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            int i = 0;
            insert.setString(++i, exchange.label());
            insert.setString(++i, exchange.deviceIdentity());
            insert.setString(++i, record.serial);
            insert.setTimestamp(++i, Timestamp.from(now));
            insert.setString(++i, record.serial);
            insert.setString(++i, record.label);
            insert.setString(++i, record.issuer);
            insert.setString(++i, record.subject);
            insert.setString(++i, record.subjectAltNames);
            insert.setTimestamp(++i, Timestamp.from(record.notBefore));
            insert.setTimestamp(++i, Timestamp.from(record.notAfter));
            insert.setString(++i, record.fingerprintSha256);
            insert.setBytes(++i, record.der);
            insert.setTimestamp(++i, Timestamp.from(record.issuedAt));
            insert.setTimestamp(++i, Timestamp.from(event.occurredAt));
            insert.setString(++i, event.requestId);
            insert.setString(++i, event.operation);
            insert.setString(++i, event.label);
            insert.setString(++i, event.outcome.name());
            insert.setInt(++i, event.statusCode);
            insert.setString(++i, event.authMethod);
            insert.setString(++i, event.principal);
            insert.setString(++i, event.clientAddress);
            insert.setString(++i, event.deviceIdentity);
            insert.setString(++i, event.reason);
            try (ResultSet rows = insert.executeQuery()) {
                rows.next();
                return rows.getLong(1) == 1 ? Optional.of(new IssuedCertificate(record.serial, record.der))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the first enrollment of device '"
                    + exchange.deviceIdentity() + "': " + e.getMessage(), e);
        }
    }

    /**
     * Whether an issuance may try this path: nothing else must change in the same transaction (an approved request,
     * a single-use credential). Whether the device is new, the statement itself finds out.
     */
    static boolean applies(EstExchange exchange, Optional<Long> approvedRequest) {
        return approvedRequest.isEmpty() && exchange.singleUseCredential().isEmpty();
    }
}
