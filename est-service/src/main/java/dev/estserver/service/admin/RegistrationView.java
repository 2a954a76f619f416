package dev.estserver.service.admin;

import java.time.Instant;
import java.util.List;

import dev.estserver.service.enrollment.DeviceRegistration;
import dev.estserver.service.policy.SanAllowList;
import dev.estserver.service.store.CertificateRecord;
import dev.estserver.service.store.Device;

/**
 * A device as registered through the admin API, with what it was issued.
 *
 * @param status             PENDING (no certificate yet), ACTIVE, SUSPENDED or REVOKED (deleted)
 * @param allowedSans        the only SANs its certificates may have; null: the profile's rules only
 * @param validity           the longest validity of its certificates (ISO-8601, such as {@code P90D}); null: the
 *                           profile's
 * @param currentCertificate null until it enrolls, and again after a delete
 */
public record RegistrationView(String label, String identity, long deviceId, String status, List<String> allowedSans,
        String validity, CertificateView currentCertificate, Instant createdAt, Instant updatedAt) {

    static RegistrationView of(Device device) {
        DeviceRegistration registration = DeviceRegistration.of(device);
        CertificateView current = device.currentCertificateSerial == null ? null
                : CertificateRecord.findBySerial(device.currentCertificateSerial).map(CertificateView::of).orElse(null);
        return new RegistrationView(device.label, device.identity, device.id, device.status.name(),
                registration.allowedSans().map(SanAllowList::entries).orElse(null),
                registration.validity().map(DeviceRegistration::describe).orElse(null), current, device.createdAt,
                device.updatedAt);
    }
}
