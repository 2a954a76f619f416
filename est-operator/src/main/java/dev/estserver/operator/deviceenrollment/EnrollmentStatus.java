package dev.estserver.operator.deviceenrollment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Condition;

import dev.estserver.operator.api.v1alpha1.DeviceEnrollment;
import dev.estserver.operator.api.v1alpha1.DeviceEnrollmentStatus;
import dev.estserver.operator.service.RegistrationView;
import dev.estserver.operator.service.RegistrationView.CurrentCertificate;
import dev.estserver.operator.status.ConditionType;
import dev.estserver.operator.status.Reason;
import dev.estserver.operator.status.StatusConditions;

/** The status a DeviceEnrollment should show: the service's registration mirrored, or why there is none. */
final class EnrollmentStatus {

    private static final DeviceEnrollmentStatus NONE = new DeviceEnrollmentStatus(null, null, null, null, null, null,
            null, null, null);

    private EnrollmentStatus() {
    }

    /**
     * @param certificate       the current certificate's times, empty until the device enrolled
     * @param bootstrapUsername the last bootstrap credential issued, may be null
     */
    static DeviceEnrollmentStatus registered(DeviceEnrollment enrollment, String server, DesiredEnrollment desired,
            RegistrationView view, Optional<CertificateTimes> certificate, String bootstrapUsername, Instant now) {
        DeviceEnrollmentStatus before = before(enrollment);
        StatusConditions conditions = StatusConditions.after(before.conditions(),
                enrollment.getMetadata().getGeneration(), now)
                .set(ConditionType.ACCEPTED, true, Reason.REGISTERED, "registered with EstServer " + server
                        + " as '" + desired.key().identity() + "' on label '" + desired.key().label() + "'");
        ready(conditions, view, certificate, now);
        expiring(conditions, certificate, now);
        return new DeviceEnrollmentStatus(enrollment.getMetadata().getGeneration(), conditions.build(),
                view.status(), certificate.map(CertificateTimes::serial).orElse(null),
                certificate.map(c -> c.notBefore().toString()).orElse(null),
                certificate.map(c -> c.notAfter().toString()).orElse(null),
                certificate.map(c -> c.renewalTime().toString()).orElse(null),
                desired.bootstrap().map(DesiredEnrollment.Bootstrap::secretName).orElse(null), bootstrapUsername);
    }

    /**
     * Accepted=False for that reason. What was last known of the certificate stays (the device still holds it); an
     * enrollment never accepted is not Ready either, for the same reason.
     */
    static DeviceEnrollmentStatus notAccepted(DeviceEnrollment enrollment, String reason, String message,
            Instant now) {
        DeviceEnrollmentStatus before = before(enrollment);
        List<Condition> conditions = new ArrayList<>(StatusConditions.after(before.conditions(),
                enrollment.getMetadata().getGeneration(), now)
                .set(ConditionType.ACCEPTED, false, reason, message).build());
        Optional<Condition> ready = StatusConditions.find(before.conditions(), ConditionType.READY);
        if (ready.isPresent()) {
            conditions.add(ready.get());
            StatusConditions.find(before.conditions(), ConditionType.EXPIRING).ifPresent(conditions::add);
        } else {
            conditions.addAll(StatusConditions.after(null, enrollment.getMetadata().getGeneration(), now)
                    .set(ConditionType.READY, false, reason, message).build());
        }
        return new DeviceEnrollmentStatus(enrollment.getMetadata().getGeneration(), List.copyOf(conditions),
                before.deviceStatus(), before.serial(), before.notBefore(), before.notAfter(), before.renewalTime(),
                before.bootstrapSecretName(), before.bootstrapUsername());
    }

    /**
     * Ready False for that reason, the rest as last known: being deleted and waiting for the service to revoke (Ready
     * never says a revocation happened before the service confirmed it), or a reconcile that failed unexpectedly
     * (what Ready said may no longer hold).
     */
    static DeviceEnrollmentStatus notReady(DeviceEnrollment enrollment, String reason, String message, Instant now) {
        DeviceEnrollmentStatus before = before(enrollment);
        List<Condition> conditions = StatusConditions.after(before.conditions(),
                enrollment.getMetadata().getGeneration(), now)
                .keep(ConditionType.ACCEPTED).set(ConditionType.READY, false, reason, message)
                .keep(ConditionType.EXPIRING).build();
        return new DeviceEnrollmentStatus(enrollment.getMetadata().getGeneration(), conditions,
                before.deviceStatus(), before.serial(), before.notBefore(), before.notAfter(), before.renewalTime(),
                before.bootstrapSecretName(), before.bootstrapUsername());
    }

    private static void ready(StatusConditions conditions, RegistrationView view,
            Optional<CertificateTimes> certificate, Instant now) {
        CurrentCertificate current = view.currentCertificate();
        if (RegistrationView.SUSPENDED.equals(view.status())) {
            conditions.set(ConditionType.READY, false, Reason.SUSPENDED, "spec.suspended is true: the device may "
                    + "not enroll or re-enroll; a certificate it holds stays valid");
        } else if (RegistrationView.REVOKED.equals(view.status())) {
            conditions.set(ConditionType.READY, false, Reason.CERTIFICATE_REVOKED,
                    "the service revoked the device's registration and certificates");
        } else if (certificate.isEmpty()) {
            conditions.set(ConditionType.READY, false, Reason.AWAITING_ENROLLMENT,
                    "the device has not enrolled yet");
        } else if (CurrentCertificate.REVOKED.equals(current.status())) {
            conditions.set(ConditionType.READY, false, Reason.CERTIFICATE_REVOKED,
                    "certificate " + current.serial() + " was revoked");
        } else if (certificate.get().hasExpiredAt(now)) {
            conditions.set(ConditionType.READY, false, Reason.EXPIRED,
                    "certificate " + current.serial() + " ended at " + certificate.get().notAfter());
        } else {
            conditions.set(ConditionType.READY, true, Reason.CERTIFICATE_ISSUED,
                    "certificate " + current.serial() + " is valid until " + certificate.get().notAfter());
        }
    }

    private static void expiring(StatusConditions conditions, Optional<CertificateTimes> certificate, Instant now) {
        if (certificate.isEmpty()) {
            conditions.set(ConditionType.EXPIRING, false, Reason.AWAITING_ENROLLMENT, "no certificate yet");
        } else if (certificate.get().hasExpiredAt(now)) {
            conditions.set(ConditionType.EXPIRING, true, Reason.EXPIRED,
                    "the certificate ended at " + certificate.get().notAfter());
        } else if (certificate.get().isRenewalDueAt(now)) {
            conditions.set(ConditionType.EXPIRING, true, Reason.WITHIN_RENEWAL_WINDOW,
                    "renewal is due since " + certificate.get().renewalTime());
        } else {
            conditions.set(ConditionType.EXPIRING, false, Reason.VALID,
                    "renewal is due at " + certificate.get().renewalTime());
        }
    }

    private static DeviceEnrollmentStatus before(DeviceEnrollment enrollment) {
        return enrollment.getStatus() == null ? NONE : enrollment.getStatus();
    }
}
