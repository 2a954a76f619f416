package dev.estserver.service.admin;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.estserver.service.store.CertificateRecord;
import dev.estserver.service.store.Device;
import dev.estserver.service.store.EnrollmentEvent;

/**
 * A device as the admin API lists it.
 *
 * @param status                     PENDING (known, no certificate yet), ACTIVE, SUSPENDED or REVOKED (deleted)
 * @param currentCertificateNotAfter when the device's current certificate ends; null without one
 * @param lastContactAt              when the device last sent a request (EST, refused or not); null if never
 */
public record DeviceView(long id, String label, String identity, String status, String currentCertificateSerial,
        Instant currentCertificateNotAfter, Instant createdAt, Instant updatedAt, Instant lastContactAt) {

    static DeviceView of(Device device, CertificateRecord current, Instant lastContact) {
        return new DeviceView(device.id, device.label, device.identity, device.status.name(),
                device.currentCertificateSerial, current == null ? null : current.notAfter, device.createdAt,
                device.updatedAt, lastContact);
    }

    /** Views of several devices, reading their current certificates and last contacts in one query each. */
    static List<DeviceView> of(List<Device> devices) {
        Map<String, CertificateRecord> current = CertificateRecord.currentOf(devices);
        Map<Long, Instant> contacts = EnrollmentEvent.lastContacts(devices);
        return devices.stream().map(d -> of(d, current.get(d.currentCertificateSerial), contacts.get(d.id)))
                .toList();
    }
}
