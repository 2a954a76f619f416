package dev.estserver.service.enrollment;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.bouncycastle.cert.X509CertificateHolder;

import dev.estserver.service.context.EnrollmentContext;
import dev.estserver.service.policy.DuplicateDevicePolicy;
import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.Remedy;
import dev.estserver.service.problem.RequestRejected;
import dev.estserver.service.revocation.RevocationReason;
import dev.estserver.service.revocation.Revocations;
import dev.estserver.service.store.AuditLog;
import dev.estserver.service.store.CertificateRecord;
import dev.estserver.service.store.Credential;
import dev.estserver.service.store.Device;
import dev.estserver.service.store.DeviceReader;
import dev.estserver.service.store.PendingRequest;

/**
 * Commits an issued certificate together with the device state and the audit row, in one transaction. A
 * certificate reaches the client only after this commit, so the client never holds a certificate we do not know.
 * A device's first enrollment goes the faster way of {@link FirstEnrollments} where it can.
 */
@ApplicationScoped
class IssuanceRecorder implements IssuanceStore {

    private final AuditLog audit;
    private final Revocations revocations;
    private final FirstEnrollments firstEnrollments;
    private final DeviceReader devices;
    private final Clock clock;

    IssuanceRecorder(AuditLog audit, Revocations revocations, FirstEnrollments firstEnrollments,
            DeviceReader devices, Clock clock) {
        this.audit = audit;
        this.revocations = revocations;
        this.firstEnrollments = firstEnrollments;
        this.devices = devices;
        this.clock = clock;
    }

    /** Read outside a transaction: what is read is checked again under the device lock when recorded. */
    @Override
    public Optional<KnownDevice> device(String label, String identity) {
        return devices.find(label, identity).map(KnownDevice::of);
    }

    @Override
    public Optional<IssuedCertificate> recordFirst(EnrollmentContext context, X509CertificateHolder certificate) {
        return firstEnrollments.record(context, certificate);
    }

    /**
     * @param approvedRequest the approved pending request this certificate answers, if the label requires approval;
     *                        when a concurrent poll on another replica issued it first, that certificate is returned
     *                        and this one is dropped unrecorded, so one approval yields one certificate
     */
    @Override
    @Transactional
    public IssuedCertificate recordEnrollment(EnrollmentContext context, DuplicateDevicePolicy duplicates,
            X509CertificateHolder certificate, Optional<Long> approvedRequest) {
        Optional<PendingRequest> approved = approvedRequest.map(id -> PendingRequest.lock(id).orElseThrow());
        if (approved.isPresent() && approved.get().status == PendingRequest.Status.ISSUED) {
            CertificateRecord issued = CertificateRecord.findById(approved.get().certificateSerial);
            return new IssuedCertificate(issued.serial, issued.der);
        }
        Device device = Device.lockOrCreate(context.label(), context.deviceIdentity());
        requireEnrollable(device, certificate).requireNotEnrolled(duplicates);
        // A PENDING device's current certificate, if it has one, was revoked: enrolling again is what it is for.
        String replaces = device.currentCertificateSerial;
        if (device.status == Device.Status.ACTIVE && duplicates == DuplicateDevicePolicy.REPLACE) {
            revocations.revoke(replaces, RevocationReason.SUPERSEDED, clock.instant());
        } else if (device.status == Device.Status.ACTIVE) {
            replaces = null; // ALLOW: both certificates stay valid
        }
        IssuedCertificate issued = record(context, device, certificate, replaces);
        approved.ifPresent(request -> {
            request.status = PendingRequest.Status.ISSUED;
            request.certificateSerial = issued.serial();
        });
        return issued;
    }

    /**
     * @param newIdentity the device's identity after a ChangeSubjectName re-enrollment; the device keeps its
     *                    history under the new name
     */
    @Override
    @Transactional
    public IssuedCertificate recordReenrollment(EnrollmentContext context, String currentSerial,
            Optional<String> newIdentity, X509CertificateHolder certificate) {
        CertificateRecord current = CertificateRecord.findBySerial(currentSerial)
                .orElseThrow(() -> new RequestRejected(Problem.FORBIDDEN, "client certificate serial " + currentSerial
                        + " is not in this server's records; it cannot be renewed"));
        if (current.status == CertificateRecord.Status.REVOKED) {
            throw new RequestRejected(Problem.FORBIDDEN, "client certificate serial " + currentSerial
                    + " was revoked at " + current.revokedAt + "; a revoked certificate cannot be renewed");
        }
        if (!current.label.equals(context.label())) {
            throw new RequestRejected(Problem.FORBIDDEN, "client certificate serial " + currentSerial
                    + " was issued under label '" + current.label + "'", new Remedy.RenewOn(current.label));
        }
        Device device = Device.findById(current.deviceId, LockModeType.PESSIMISTIC_WRITE);
        requireEnrollable(device, certificate);
        if (newIdentity.isPresent() && !newIdentity.get().equals(device.identity)) {
            if (Device.count("label = ?1 and identity = ?2", device.label, newIdentity.get()) > 0) {
                throw new RequestRejected(Problem.CONFLICT, "cannot rename device '" + device.identity + "' to '"
                        + newIdentity.get() + "': a device of that identity already exists under label '"
                        + device.label + "'");
            }
            device.identity = newIdentity.get();
        }
        return record(context, device, certificate, current.serial);
    }

    private IssuedCertificate record(EnrollmentContext context, Device device, X509CertificateHolder certificate,
            String replaces) {
        context.singleUseCredential().ifPresent(id -> Credential.consume(id, context.credentialName()));
        Instant now = clock.instant();
        CertificateRecord record = IssuedRows.certificate(certificate, device.label, replaces, now);
        record.deviceId = device.id;
        record.persist();
        device.currentCertificateSerial = record.serial;
        device.status = Device.Status.ACTIVE;
        device.updatedAt = now;
        audit.append(IssuedRows.event(context, record));
        return new IssuedCertificate(record.serial, record.der);
    }

    /** With the device locked: its status, then what an operator registered for it. */
    private KnownDevice requireEnrollable(Device device, X509CertificateHolder certificate) {
        KnownDevice known = KnownDevice.of(device);
        known.requireNotStopped();
        known.registration().admit(certificate, clock.instant());
        return known;
    }
}
