package dev.estserver.bench.run;

import java.security.cert.CertificateEncodingException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.estserver.service.ca.IssuingCa;

/**
 * An existing fleet in the service's database: one active device per certificate, each the device's current one,
 * under a label of its own, with rows the size of real ones (random 128-bit serials, SHA-256 fingerprints,
 * 600-byte DER). Set-based: one statement inserts both tables (the two foreign keys between them are checked at its
 * end), between dropping the tables' plain indexes and re-creating them from their own definitions, because
 * building an index once is far cheaper than a million random insertions into it.
 */
final class FleetSeeder {

    static final String LABEL = "seeded";
    static final int DER_BYTES = 600;
    /** The bytes that differ between two certificates of one CA: roughly a public key and a signature. */
    private static final int VARYING_BYTES = 64;

    private final Database database;

    FleetSeeder(Database database) {
        this.database = database;
    }

    /** Inserts {@code rows} devices and certificates issued by {@code ca}, then analyzes; returns how long it took. */
    Duration seed(int rows, IssuingCa ca) {
        long start = System.nanoTime();
        try (Connection db = database.connect()) {
            db.setAutoCommit(false);
            try (Statement statement = db.createStatement()) {
                statement.execute("set local maintenance_work_mem = '256MB'");
                List<String> indexes = plainIndexes(db);
                if (!indexes.isEmpty()) {
                    statement.execute("drop index " + String.join(", ", indexNames(indexes)));
                }
                insert(db, rows, ca);
                for (String definition : indexes) {
                    statement.execute(definition);
                }
                db.commit();
                statement.execute("analyze device");
                statement.execute("analyze certificate");
            }
        } catch (SQLException e) {
            throw new BenchFailure("cannot seed " + rows + " certificates into database " + database.name() + ": "
                    + e.getMessage());
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static void insert(Connection db, int rows, IssuingCa ca) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("""
                with devices as (
                    insert into device (label, identity, status, current_certificate_serial)
                    select ?, 'seeded-' || lpad(n::text, 7, '0'), 'ACTIVE', upper(md5(random()::text || n))
                    from generate_series(1, ?) n
                    returning id, identity, current_certificate_serial
                ), issued as (
                    select d.*, now() - (d.id % 365) * interval '1 day' as not_before,
                        ? || sha256(convert_to(d.identity || '/key', 'UTF8'))
                          || sha256(convert_to(d.identity || '/signature', 'UTF8')) as der
                    from devices d
                )
                insert into certificate (serial, device_id, label, issuer, subject, not_before, not_after,
                    fingerprint_sha256, der, status, issued_at)
                select current_certificate_serial, id, ?, ?, 'CN=' || identity, not_before,
                    not_before + interval '365 days', encode(sha256(der), 'hex'), der, 'GOOD', not_before
                from issued""")) {
            insert.setString(1, LABEL);
            insert.setInt(2, rows);
            insert.setBytes(3, commonBytes(ca));
            insert.setString(4, LABEL);
            insert.setString(5, ca.subject().toString());
            insert.executeUpdate();
        }
    }

    /** The fixed part of the seeded DER: the CA's own certificate (its names and extensions), cycled to length. */
    static byte[] commonBytes(IssuingCa ca) {
        try {
            return cycle(ca.certificate().getEncoded(), DER_BYTES - VARYING_BYTES);
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] cycle(byte[] bytes, int length) {
        byte[] cycled = new byte[length];
        for (int i = 0; i < length; i++) {
            cycled[i] = bytes[i % bytes.length];
        }
        return cycled;
    }

    /** The definitions of the device and certificate indexes that back no constraint. */
    private static List<String> plainIndexes(Connection db) throws SQLException {
        List<String> definitions = new ArrayList<>();
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery("""
                select indexdef from pg_indexes i
                where schemaname = current_schema() and tablename in ('device', 'certificate')
                  and not exists (select 1 from pg_constraint c
                                  where c.conindid = format('%I.%I', i.schemaname, i.indexname)::regclass)
                order by indexname""")) {
            while (rows.next()) {
                definitions.add(rows.getString(1));
            }
        }
        return definitions;
    }

    private static List<String> indexNames(List<String> definitions) {
        // "CREATE [UNIQUE] INDEX <name> ON ..."
        return definitions.stream().map(d -> d.substring(0, d.indexOf(" ON ")).replaceFirst(".* ", "")).toList();
    }
}
