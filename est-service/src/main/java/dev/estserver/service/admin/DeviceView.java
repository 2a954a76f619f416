package dev.estserver.service.admin;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.estserver.service.store.CertificateRecord;
import dev.estserver.service.store.Device;

/**
 * A device as the admin API lists it.
 *
 * @param status                     PENDING (known, no certificate yet), ACTIVE, SUSPENDED or REVOKED (deleted)
 * @param currentCertificateNotAfter when the device's current certificate ends; null without one
 */
public record DeviceView(long id, String label, String identity, String status, String currentCertificateSerial,
        Instant currentCertificateNotAfter, Instant createdAt, Instant updatedAt) {

    static DeviceView of(Device device, CertificateRecord current) {
        return new DeviceView(device.id, device.label, device.identity, device.status.name(),
                device.currentCertificateSerial, current == null ? null : current.notAfter, device.createdAt,
                device.updatedAt);
    }

    /** Views of several devices, reading their current certificates in one query. */
    static List<DeviceView> of(List<Device> devices) {
        Map<String, CertificateRecord> current = CertificateRecord.currentOf(devices);
        return devices.stream().map(d -> of(d, current.get(d.currentCertificateSerial))).toList();
    }
}
