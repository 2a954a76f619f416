package dev.estserver.service.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** The plain-JDBC read of a device gives what Panache's entity gives, for each column enrollment checks. */
@QuarkusTest
class DeviceReaderTest {

    @Inject
    DeviceReader reader;

    private final String label = "reader-" + UUID.randomUUID();

    @Test
    void readsARegisteredDeviceAsPanacheDoes() {
        QuarkusTransaction.requiringNew().run(() -> {
            Device device = Device.lockOrCreate(label, "gw-1");
            device.status = Device.Status.SUSPENDED;
            device.allowedSans = new String[] {"dns:gw-1.example", "ip:192.0.2.1"};
            device.validitySeconds = 86_400L;
        });

        Device read = reader.find(label, "gw-1").orElseThrow();
        Device panache = QuarkusTransaction.requiringNew().call(() -> Device.lookup(label, "gw-1").orElseThrow());

        assertThat(read.id).isEqualTo(panache.id);
        assertThat(read.label).isEqualTo(label);
        assertThat(read.identity).isEqualTo("gw-1");
        assertThat(read.status).isEqualTo(Device.Status.SUSPENDED);
        assertThat(read.currentCertificateSerial).as("a device's current serial: FirstEnrollmentStatementTest").isNull();
        assertThat(read.allowedSans).containsExactly("dns:gw-1.example", "ip:192.0.2.1");
        assertThat(read.validitySeconds).isEqualTo(86_400L);
    }

    @Test
    void readsTheNullsOfADeviceMadeByItsFirstEnrollment() {
        QuarkusTransaction.requiringNew().run(() -> Device.createIfAbsent(label, "sensor-1"));

        Device read = reader.find(label, "sensor-1").orElseThrow();

        assertThat(read.status).isEqualTo(Device.Status.PENDING);
        assertThat(read.currentCertificateSerial).isNull();
        assertThat(read.allowedSans).isNull();
        assertThat(read.validitySeconds).isNull();
    }

    @Test
    void findsNothingForAnUnknownDeviceOrTheSameIdentityOnAnotherLabel() {
        QuarkusTransaction.requiringNew().run(() -> Device.createIfAbsent(label, "sensor-2"));

        assertThat(reader.find(label, "no-such-device")).isEmpty();
        assertThat(reader.find(label + "-other", "sensor-2")).isEmpty();
    }
}
