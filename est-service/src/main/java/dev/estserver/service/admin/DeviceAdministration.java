package dev.estserver.service.admin;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import dev.estserver.service.context.EnrollmentContext;
import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;
import dev.estserver.service.revocation.RevocationReason;
import dev.estserver.service.store.AuditLog;
import dev.estserver.service.store.CertificateRecord;
import dev.estserver.service.store.Device;
import dev.estserver.service.store.DeviceFilter;
import dev.estserver.service.store.EnrollmentEvent;

/**
 * An operator's view and control of devices. Each change locks the device row, so it serializes with enrollments
 * of the same device on any replica, and commits with its audit row.
 */
@ApplicationScoped
class DeviceAdministration {

    private final AuditedRevocations revocations;
    private final AuditLog audit;

    DeviceAdministration(AuditedRevocations revocations, AuditLog audit) {
        this.revocations = revocations;
        this.audit = audit;
    }

    @Transactional
    Page<DeviceView> list(DeviceFilter filter, PageRequest page) {
        return page.page(Device.page(filter, page.afterId(), page.fetch()), d -> String.valueOf(d.id),
                DeviceView::of);
    }

    @Transactional
    DeviceDetail get(long id) {
        return DeviceDetail.of(Device.<Device>findByIdOptional(id).orElseThrow(() -> unknown(id)));
    }

    /** Suspended devices can neither enroll nor re-enroll; their certificates stay valid. */
    @Transactional
    DeviceDetail suspend(EnrollmentContext context, long id) {
        return DeviceDetail.of(suspend(context, lock(context, id)));
    }

    /** {@link #suspend(EnrollmentContext, long)} of a device the caller has locked. */
    @Transactional(Transactional.TxType.MANDATORY)
    Device suspend(EnrollmentContext context, Device device) {
        if (device.status == Device.Status.SUSPENDED || device.status == Device.Status.REVOKED) {
            throw new RequestRejected(Problem.CONFLICT, "device " + device.id + " is " + statusOf(device)
                    + "; only a pending or active device can be suspended");
        }
        return change(context, device, Device.Status.SUSPENDED, "suspended");
    }

    @Transactional
    DeviceDetail resume(EnrollmentContext context, long id) {
        return DeviceDetail.of(resume(context, lock(context, id)));
    }

    /** {@link #resume(EnrollmentContext, long)} of a device the caller has locked. */
    @Transactional(Transactional.TxType.MANDATORY)
    Device resume(EnrollmentContext context, Device device) {
        if (device.status != Device.Status.SUSPENDED) {
            throw new RequestRejected(Problem.CONFLICT, "device " + device.id + " is " + statusOf(device)
                    + ", not suspended; there is nothing to resume");
        }
        return change(context, device, holdsValidCertificate(device) ? Device.Status.ACTIVE
                : Device.Status.PENDING, "resumed");
    }

    /**
     * Revokes the device's certificates and forgets its current one, so that its next {@code /simpleenroll} is a
     * first enrollment again: for a device that lost its key, or a deleted device brought back.
     */
    @Transactional
    DeviceDetail reset(EnrollmentContext context, long id, RevocationReason reason) {
        return DeviceDetail.of(reset(context, lock(context, id), reason));
    }

    /** {@link #reset(EnrollmentContext, long, RevocationReason)} of a device the caller has locked. */
    @Transactional(Transactional.TxType.MANDATORY)
    Device reset(EnrollmentContext context, Device device, RevocationReason reason) {
        String revoked = revokeAll(context, device, reason);
        device.currentCertificateSerial = null;
        return change(context, device, Device.Status.PENDING, "reset" + revoked);
    }

    /**
     * A soft delete: the device becomes REVOKED with all its certificates, and keeps its row, certificate history and
     * audit events; it cannot enroll again until an operator resets it.
     */
    @Transactional
    DeviceDetail delete(EnrollmentContext context, long id, RevocationReason reason) {
        return DeviceDetail.of(delete(context, lock(context, id), reason));
    }

    /** {@link #delete(EnrollmentContext, long, RevocationReason)} of a device the caller has locked. */
    @Transactional(Transactional.TxType.MANDATORY)
    Device delete(EnrollmentContext context, Device device, RevocationReason reason) {
        if (device.status == Device.Status.REVOKED) {
            throw new RequestRejected(Problem.CONFLICT, "device " + device.id + " was already deleted at "
                    + device.updatedAt + "; reset it to let it enroll again");
        }
        String revoked = revokeAll(context, device, reason);
        device.status = Device.Status.REVOKED;
        device.currentCertificateSerial = null;
        device.updatedAt = Instant.now();
        audit.append(context.event(EnrollmentEvent.Outcome.DELETED, 200, null, "deleted" + revoked));
        return device;
    }

    private Device lock(EnrollmentContext context, long id) {
        Device device = Device.<Device>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> unknown(id));
        context.at(context.operation(), device.label);
        context.device(device.identity);
        return device;
    }

    private String revokeAll(EnrollmentContext context, Device device, RevocationReason reason) {
        List<CertificateRecord> good = CertificateRecord.lockGoodOfDevice(device.id);
        good.forEach(certificate -> revocations.revoke(context, certificate, reason));
        return good.isEmpty() ? "" : "; revoked " + good.stream().map(c -> c.serial).toList() + " ("
                + reason.rfcName() + ")";
    }

    private Device change(EnrollmentContext context, Device device, Device.Status status, String what) {
        device.status = status;
        device.updatedAt = Instant.now();
        audit.append(context.event(EnrollmentEvent.Outcome.UPDATED, 200, null, what));
        return device;
    }

    private static boolean holdsValidCertificate(Device device) {
        return device.currentCertificateSerial != null
                && CertificateRecord.findBySerial(device.currentCertificateSerial)
                        .filter(current -> current.status != CertificateRecord.Status.REVOKED).isPresent();
    }

    private static String statusOf(Device device) {
        return device.status == Device.Status.REVOKED ? "deleted" : device.status.name().toLowerCase(Locale.ROOT);
    }

    private static RequestRejected unknown(long id) {
        return new RequestRejected(Problem.NOT_FOUND, "no device with id " + id);
    }
}
