package dev.estserver.service.admin;

import java.time.Instant;
import java.util.List;

import dev.estserver.service.store.CertificateRecord;
import dev.estserver.service.store.Device;
import dev.estserver.service.store.EnrollmentEvent;

/**
 * A device with its certificate history, newest first.
 */
public record DeviceDetail(DeviceView device, List<CertificateView> certificates) {

    static DeviceDetail of(Device device) {
        List<CertificateRecord> history = CertificateRecord.ofDevice(device.id);
        CertificateRecord current = history.stream().filter(c -> c.serial.equals(device.currentCertificateSerial))
                .findFirst().orElse(null);
        Instant lastContact = EnrollmentEvent.lastContacts(List.of(device)).get(device.id);
        return new DeviceDetail(DeviceView.of(device, current, lastContact),
                history.stream().map(CertificateView::of).toList());
    }
}
