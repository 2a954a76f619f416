package dev.estserver.operator.deviceenrollment;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.fabric8.kubernetes.api.model.Condition;

import dev.estserver.operator.api.v1alpha1.DeviceEnrollment;
import dev.estserver.operator.api.v1alpha1.DeviceEnrollmentStatus;
import dev.estserver.operator.kube.KubeEvents;
import dev.estserver.operator.status.ConditionType;
import dev.estserver.operator.status.Reason;
import dev.estserver.operator.status.StatusConditions;

/**
 * The Events a status change of a DeviceEnrollment is worth: registered or refused, certificate issued or renewed,
 * revocation failing. Derived from the change of conditions, so a resync that changes nothing records nothing.
 */
@ApplicationScoped
class EnrollmentEvents {

    private final KubeEvents events;

    EnrollmentEvents(KubeEvents events) {
        this.events = events;
    }

    void announce(DeviceEnrollment enrollment, DeviceEnrollmentStatus before, DeviceEnrollmentStatus after) {
        changed(before, after, ConditionType.ACCEPTED).ifPresent(accepted -> {
            if ("True".equals(accepted.getStatus())) {
                events.normal(enrollment, accepted.getReason(), accepted.getMessage());
            } else {
                events.warning(enrollment, accepted.getReason(), accepted.getMessage());
            }
        });
        changed(before, after, ConditionType.READY).ifPresent(ready -> {
            if (Reason.REVOCATION_FAILED.equals(ready.getReason())) {
                events.warning(enrollment, ready.getReason(), ready.getMessage());
            }
        });
        String serial = after == null ? null : after.serial();
        String previous = before == null ? null : before.serial();
        if (serial != null && !serial.equals(previous)) {
            events.normal(enrollment, previous == null ? "CertificateIssued" : "CertificateRenewed",
                    "certificate " + serial + " valid until " + after.notAfter()
                            + (previous == null ? "" : ", replacing " + previous));
        }
    }

    private static Optional<Condition> changed(DeviceEnrollmentStatus before, DeviceEnrollmentStatus after,
            String type) {
        return StatusConditions.transition(before == null ? null : before.conditions(),
                after == null ? null : after.conditions(), type);
    }
}
