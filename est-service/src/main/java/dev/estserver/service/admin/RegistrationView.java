package dev.estserver.service.admin;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.estserver.service.enrollment.DeviceRegistration;
import dev.estserver.service.policy.SanAllowList;
import dev.estserver.service.store.CertificateRecord;
import dev.estserver.service.store.Device;
import dev.estserver.service.store.Owner;

/**
 * A device as registered through the admin API, with what it was issued.
 *
 * @param status             PENDING (no certificate yet), ACTIVE, SUSPENDED or REVOKED (deleted)
 * @param owner              whom the registration belongs to; null: nobody claimed it
 * @param allowedSans        the only SANs its certificates may have; null: the profile's rules only
 * @param validity           the longest validity of its certificates (ISO-8601, such as {@code P90D}); null: the
 *                           profile's
 * @param currentCertificate null until it enrolls, and again after a delete
 * @param updatedAt          when anything shown here last changed, a revocation of the current certificate included
 */
public record RegistrationView(String label, String identity, long deviceId, String status, Owner owner,
        List<String> allowedSans, String validity, CertificateView currentCertificate, Instant createdAt,
        Instant updatedAt) {

    static RegistrationView of(Device device) {
        return of(List.of(device)).getFirst();
    }

    /** Views of several devices, reading their current certificates in one query. */
    static List<RegistrationView> of(List<Device> devices) {
        Map<String, CertificateRecord> current = CertificateRecord.currentOf(devices);
        return devices.stream().map(d -> of(d, current.get(d.currentCertificateSerial))).toList();
    }

    private static RegistrationView of(Device device, CertificateRecord current) {
        DeviceRegistration registration = DeviceRegistration.of(device);
        return new RegistrationView(device.label, device.identity, device.id, device.status.name(), device.owner,
                registration.allowedSans().map(SanAllowList::entries).orElse(null),
                registration.validity().map(DeviceRegistration::describe).orElse(null),
                current == null ? null : CertificateView.of(current), device.createdAt, device.updatedAt);
    }
}
