package dev.estserver.service.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * One statement that writes the first enrollments of several new devices: devices, certificates and audit rows,
 * from arrays with one element per enrollment. A device is inserted only if no device of its identity exists
 * ({@code on conflict do nothing}); its certificate and audit row are inserted from the device insert's result, so
 * an enrollment whose device exists writes nothing. The two foreign keys between device and certificate are checked
 * at the end of the statement, when both rows exist.
 */
public final class FirstEnrollmentStatement {

    /**
     * One enrollment's rows, and the answer its request waits for: whether they were written.
     */
    public record Row(String label, String identity, CertificateRecord certificate, EnrollmentEvent event,
            CompletableFuture<Boolean> written) {
    }

    private static final String INSERT = """
            with input as (
                select * from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                    ?::timestamptz[], ?::timestamptz[], ?::text[], ?::bytea[], ?::timestamptz[], ?::timestamptz[],
                    ?::text[], ?::text[], ?::text[], ?::int[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                as t(label, identity, serial, issuer, subject, subject_alt_names, not_before, not_after, fingerprint,
                    der, issued_at, occurred_at, request_id, operation, outcome, status_code, auth_method, principal,
                    client_address, device_identity, reason)),
            new_device as (
                insert into device (label, identity, status, current_certificate_serial, updated_at)
                select label, identity, 'ACTIVE', serial, issued_at from input
                on conflict (label, identity) do nothing
                returning id, label, identity),
            issued as (
                insert into certificate (serial, device_id, label, issuer, subject, subject_alt_names, not_before,
                    not_after, fingerprint_sha256, der, status, issued_at)
                select i.serial, d.id, i.label, i.issuer, i.subject, i.subject_alt_names, i.not_before, i.not_after,
                    i.fingerprint, i.der, 'GOOD', i.issued_at
                from input i join new_device d on d.label = i.label and d.identity = i.identity
                returning serial),
            audited as (
                insert into enrollment_event (occurred_at, request_id, operation, label, outcome, status_code,
                    auth_method, principal, client_address, device_identity, serial, reason)
                select i.occurred_at, i.request_id, i.operation, i.label, i.outcome, i.status_code, i.auth_method,
                    i.principal, i.client_address, i.device_identity, i.serial, i.reason
                from input i join issued c on c.serial = i.serial
                returning serial)
            select serial from audited""";

    private FirstEnrollmentStatement() {
    }

    /**
     * Writes what it can of {@code rows} and completes each row's answer. A second row for the same device in one
     * statement is answered "not written" at once, so that its request takes the general path.
     */
    public static void insert(Connection connection, List<Row> rows) throws SQLException {
        Set<String> devices = new HashSet<>();
        List<Row> batch = rows.stream().filter(row -> {
            boolean first = devices.add(row.label() + '\n' + row.identity());
            if (!first) {
                row.written().complete(false);
            }
            return first;
        }).toList();
        Set<String> written = new HashSet<>();
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            int i = 0;
            insert.setArray(++i, texts(connection, batch, Row::label));
            insert.setArray(++i, texts(connection, batch, Row::identity));
            insert.setArray(++i, texts(connection, batch, row -> row.certificate().serial));
            insert.setArray(++i, texts(connection, batch, row -> row.certificate().issuer));
            insert.setArray(++i, texts(connection, batch, row -> row.certificate().subject));
            insert.setArray(++i, texts(connection, batch, row -> row.certificate().subjectAltNames));
            insert.setArray(++i, times(connection, batch, row -> row.certificate().notBefore));
            insert.setArray(++i, times(connection, batch, row -> row.certificate().notAfter));
            insert.setArray(++i, texts(connection, batch, row -> row.certificate().fingerprintSha256));
            insert.setArray(++i, connection.createArrayOf("bytea",
                    batch.stream().map(row -> row.certificate().der).toArray(byte[][]::new)));
            insert.setArray(++i, times(connection, batch, row -> row.certificate().issuedAt));
            insert.setArray(++i, times(connection, batch, row -> row.event().occurredAt));
            insert.setArray(++i, texts(connection, batch, row -> row.event().requestId));
            insert.setArray(++i, texts(connection, batch, row -> row.event().operation));
            insert.setArray(++i, texts(connection, batch, row -> row.event().outcome.name()));
            insert.setArray(++i, connection.createArrayOf("int4",
                    batch.stream().map(row -> row.event().statusCode).toArray(Integer[]::new)));
            insert.setArray(++i, texts(connection, batch, row -> row.event().authMethod));
            insert.setArray(++i, texts(connection, batch, row -> row.event().principal));
            insert.setArray(++i, texts(connection, batch, row -> row.event().clientAddress));
            insert.setArray(++i, texts(connection, batch, row -> row.event().deviceIdentity));
            insert.setArray(++i, texts(connection, batch, row -> row.event().reason));
            try (ResultSet serials = insert.executeQuery()) {
                while (serials.next()) {
                    written.add(serials.getString(1));
                }
            }
        }
        batch.forEach(row -> row.written().complete(written.contains(row.certificate().serial)));
    }

    private static Array texts(Connection connection, List<Row> rows, Function<Row, String> column)
            throws SQLException {
        return connection.createArrayOf("text", rows.stream().map(column).toArray(String[]::new));
    }

    /** As ISO-8601 text, which PostgreSQL reads into timestamptz exactly, whatever the session's time zone. */
    private static Array times(Connection connection, List<Row> rows, Function<Row, Instant> column)
            throws SQLException {
        return texts(connection, rows, row -> column.apply(row).toString());
    }
}
