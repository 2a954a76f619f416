package dev.estserver.service.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import dev.estserver.service.support.Database;

@QuarkusTest
class FirstEnrollmentStatementTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Database database;

    @Inject
    DeviceReader reader;

    /** What Hibernate's bytecode enhancement adds to an entity, which is not a column. */
    private static final String HIBERNATE_STATE = ".*\\$\\$_hibernate.*";

    private final String label = "rows-" + UUID.randomUUID();

    @Test
    void writesEveryNewDeviceOfTheStatementAndAnswersASecondRowForTheSameDeviceNotWritten() throws Exception {
        var first = row("device-a");
        var other = row("device-b");
        var sameDeviceAgain = row("device-a");

        try (Connection connection = dataSource.getConnection()) {
            FirstEnrollmentStatement.insert(connection, List.of(first, other, sameDeviceAgain));
        }

        assertThat(first.written()).isCompletedWithValue(true);
        assertThat(other.written()).isCompletedWithValue(true);
        assertThat(sameDeviceAgain.written()).isCompletedWithValue(false);
        for (var written : List.of(first, other)) {
            String serial = written.certificate().serial;
            assertThat(database.single("select status || ' ' || current_certificate_serial from device "
                    + "where label = ? and identity = ?", label, written.identity())).isEqualTo("ACTIVE " + serial);
            Device read = reader.find(label, written.identity()).orElseThrow();
            assertThat(read.status + " " + read.currentCertificateSerial).isEqualTo("ACTIVE " + serial);
            assertThat(database.count("select count(*) from certificate c join device d on d.id = c.device_id "
                    + "where c.serial = ? and d.identity = ?", serial, written.identity())).isEqualTo(1);
            assertThat(database.count("select count(*) from enrollment_event where serial = ? and outcome = 'ISSUED' "
                    + "and device_identity = ? and request_id = ?", serial, written.identity(),
                    written.event().requestId)).isEqualTo(1);
        }
        assertThat(database.count("select count(*) from certificate where serial = ?",
                sameDeviceAgain.certificate().serial)).isZero();
    }

    @Test
    void writesNothingForADeviceThatAlreadyExists() throws Exception {
        database.update("insert into device (label, identity, status) values (?, 'registered', 'PENDING')", label);
        var registered = row("registered");

        try (Connection connection = dataSource.getConnection()) {
            FirstEnrollmentStatement.insert(connection, List.of(registered));
        }

        assertThat(registered.written()).isCompletedWithValue(false);
        assertThat(database.single("select status from device where label = ? and identity = 'registered'", label))
                .isEqualTo("PENDING");
        assertThat(database.count("select count(*) from certificate where serial = ?",
                registered.certificate().serial)).isZero();
        assertThat(database.count("select count(*) from enrollment_event where serial = ?",
                registered.certificate().serial)).isZero();
    }

    /**
     * The shared statement and JPA (what {@code IssuanceRecorder} persists) write the same rows: written each way
     * from the same values, they read back through JPA identically, to the microsecond PostgreSQL keeps.
     */
    @Test
    void writesRowsThatReadBackThroughJpaAsTheJpaPathWritesThem() throws Exception {
        Instant now = Instant.parse("2026-12-04T10:15:30.123456789Z");
        var bySql = row("by-sql", now);
        var byJpa = row("by-jpa", now);

        try (Connection connection = dataSource.getConnection()) {
            FirstEnrollmentStatement.insert(connection, List.of(bySql));
        }
        QuarkusTransaction.requiringNew().run(() -> {
            Device device = Device.lockOrCreate(label, byJpa.identity());
            byJpa.certificate().deviceId = device.id;
            byJpa.certificate().persist();
            device.currentCertificateSerial = byJpa.certificate().serial;
            device.status = Device.Status.ACTIVE;
            device.updatedAt = byJpa.certificate().issuedAt;
            byJpa.event().persist();
        });

        QuarkusTransaction.requiringNew().run(() -> {
            CertificateRecord sql = CertificateRecord.findBySerial(bySql.certificate().serial).orElseThrow();
            CertificateRecord jpa = CertificateRecord.findBySerial(byJpa.certificate().serial).orElseThrow();
            assertThat(sql).usingRecursiveComparison().ignoringFieldsMatchingRegexes(HIBERNATE_STATE)
                    .ignoringFields("serial", "deviceId", "subject", "der", "fingerprintSha256").isEqualTo(jpa);
            assertThat(sql.issuedAt).as("rounded to the microsecond, both ways")
                    .isEqualTo(Instant.parse("2026-12-04T10:15:30.123457Z"));
            assertThat(event(bySql)).usingRecursiveComparison().ignoringFieldsMatchingRegexes(HIBERNATE_STATE)
                    .ignoringFields("id", "requestId", "deviceIdentity", "serial").isEqualTo(event(byJpa));
            assertThat(Device.lookup(label, bySql.identity()).orElseThrow()).usingRecursiveComparison()
                    .ignoringFieldsMatchingRegexes(HIBERNATE_STATE)
                    .ignoringFields("id", "identity", "currentCertificateSerial", "createdAt")
                    .isEqualTo(Device.lookup(label, byJpa.identity()).orElseThrow());
        });
    }

    private static EnrollmentEvent event(FirstEnrollmentStatement.Row row) {
        return EnrollmentEvent.<EnrollmentEvent>find("serial", row.certificate().serial).singleResult();
    }

    private FirstEnrollmentStatement.Row row(String identity) {
        return row(identity, Instant.now());
    }

    private FirstEnrollmentStatement.Row row(String identity, Instant now) {
        CertificateRecord certificate = new CertificateRecord();
        certificate.serial = UUID.randomUUID().toString().replace("-", "").toUpperCase();
        certificate.label = label;
        certificate.issuer = "CN=Test CA";
        certificate.subject = "CN=" + identity;
        certificate.notBefore = now;
        certificate.notAfter = now.plusSeconds(3600);
        certificate.der = certificate.serial.getBytes();
        certificate.fingerprintSha256 = UUID.randomUUID().toString();
        certificate.subjectAltNames = "DNS:device.example, IP:10.0.0.7";
        certificate.status = CertificateRecord.Status.GOOD;
        certificate.issuedAt = now;
        EnrollmentEvent event = new EnrollmentEvent();
        event.occurredAt = now;
        event.requestId = UUID.randomUUID().toString().substring(0, 16);
        event.operation = "simpleenroll";
        event.label = label;
        event.outcome = EnrollmentEvent.Outcome.ISSUED;
        event.statusCode = 200;
        event.authMethod = "basic";
        event.principal = "tester";
        event.clientAddress = "127.0.0.1";
        event.deviceIdentity = identity;
        event.reason = "first enrollment";
        event.serial = certificate.serial;
        return new FirstEnrollmentStatement.Row(label, identity, certificate, event, new CompletableFuture<>());
    }
}
