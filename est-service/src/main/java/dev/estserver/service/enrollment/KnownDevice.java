package dev.estserver.service.enrollment;

import java.util.Locale;

import dev.estserver.service.policy.DuplicateDevicePolicy;
import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.Remedy;
import dev.estserver.service.problem.RequestRejected;
import dev.estserver.service.store.Device;

/**
 * A device as the store holds it: its status, its current certificate and what an operator registered for it.
 * Read before signing, it refuses what the store would refuse anyway, so that nothing is signed in vain (with a CA
 * key in a token, every signature counts); read again under the device lock, it decides.
 *
 * @param currentSerial null when the device holds no certificate
 */
record KnownDevice(Device.Status status, String currentSerial, DeviceRegistration registration) {

    static KnownDevice of(Device device) {
        return new KnownDevice(device.status, device.currentCertificateSerial, DeviceRegistration.of(device));
    }

    /** A suspended or revoked device enrolls and renews nothing until an operator resumes or resets it. */
    void requireNotStopped() {
        if (status == Device.Status.SUSPENDED || status == Device.Status.REVOKED) {
            throw new RequestRejected(Problem.FORBIDDEN, "device '" + registration.identity() + "' is "
                    + status.name().toLowerCase(Locale.ROOT) + "; it cannot enroll until an operator resumes or "
                    + "resets it");
        }
    }

    /**
     * On a label that refuses duplicates, an enrolled device renews instead. A PENDING device enrolls again: its
     * current certificate, if it has one, was revoked.
     */
    void requireNotEnrolled(DuplicateDevicePolicy duplicates) {
        if (status == Device.Status.ACTIVE && duplicates == DuplicateDevicePolicy.REJECT) {
            throw new RequestRejected(Problem.CONFLICT, "device '" + registration.identity() + "' is already "
                    + "enrolled (current certificate serial " + currentSerial + ")",
                    new Remedy.RenewOrReset(registration.label()));
        }
    }
}
