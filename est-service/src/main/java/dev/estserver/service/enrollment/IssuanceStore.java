package dev.estserver.service.enrollment;

import java.util.Optional;

import org.bouncycastle.cert.X509CertificateHolder;

import dev.estserver.service.context.EnrollmentContext;
import dev.estserver.service.policy.DuplicateDevicePolicy;

/**
 * Where the enrollment core reads devices and commits what it issued, each certificate with its device state and
 * audit row. {@link EnrollmentService} decides and signs; the store writes, and re-checks under the device lock what
 * may have changed since it was read. The database ({@link IssuanceRecorder}) is the one implementation; the
 * service's unit tests use a fake.
 */
interface IssuanceStore {

    /** The device as it is now; empty when no such device exists (yet). */
    Optional<KnownDevice> device(String label, String identity);

    /**
     * The fast path for a device that did not exist when read ({@link FirstEnrollments}).
     *
     * @return the committed certificate, or empty when the device exists after all and nothing was written
     */
    Optional<IssuedCertificate> recordFirst(EnrollmentContext context, X509CertificateHolder certificate);

    /** @param approvedRequest the approved pending request the certificate answers, on labels that require one */
    IssuedCertificate recordEnrollment(EnrollmentContext context, DuplicateDevicePolicy duplicates,
            X509CertificateHolder certificate, Optional<Long> approvedRequest);

    /** @param newIdentity the device's identity after a change of subject name */
    IssuedCertificate recordReenrollment(EnrollmentContext context, String currentSerial,
            Optional<String> newIdentity, X509CertificateHolder certificate);
}
