package dev.estserver.service.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.estserver.service.enrollment.EstExchange;
import dev.estserver.service.policy.Profiles;
import dev.estserver.service.policy.SanAllowList;
import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;
import dev.estserver.service.revocation.RevocationReason;
import dev.estserver.service.store.AuditLog;
import dev.estserver.service.store.Device;
import dev.estserver.service.store.EnrollmentEvent;

/**
 * Devices made known by (label, identity) before they enroll, as a Kubernetes operator does: what they may be issued,
 * whether they are suspended, and their removal. State changes are {@link DeviceAdministration}'s, on the same
 * locked row.
 */
@ApplicationScoped
class DeviceRegistrations {

    /** Whether the call created the device, and its registration as it now stands. */
    record Registered(boolean created, RegistrationView registration) {
    }

    private final Profiles profiles;
    private final DeviceAdministration devices;
    private final AuditLog audit;

    DeviceRegistrations(Profiles profiles, DeviceAdministration devices, AuditLog audit) {
        this.profiles = profiles;
        this.devices = devices;
        this.audit = audit;
    }

    /**
     * Creates or updates the registration; a deleted (REVOKED) device becomes PENDING again, so that it can enroll.
     */
    @Transactional
    Registered register(EstExchange exchange, String label, String identity,
            RegistrationsResource.RegistrationRequest request) {
        profiles.forLabel(label);
        at(exchange, label, identity);
        var wanted = request == null ? new RegistrationsResource.RegistrationRequest(null, null, null) : request;
        Optional<SanAllowList> allowedSans = Optional.ofNullable(wanted.allowedSans())
                .map(sans -> SanAllowList.parse("allowedSans", sans));
        Duration validity = QueryParameters.duration("validity", wanted.validity(), null);
        if (validity != null && (validity.isNegative() || validity.isZero())) {
            throw new RequestRejected(Problem.MALFORMED, "validity must be positive, got '" + wanted.validity() + "'");
        }

        boolean created = Device.createIfAbsent(label, identity);
        Device device = Device.lock(label, identity).orElseThrow();
        if (device.status == Device.Status.REVOKED) {
            devices.reset(exchange, device, RevocationReason.SUPERSEDED);
        }
        if (Boolean.TRUE.equals(wanted.suspended()) && device.status != Device.Status.SUSPENDED) {
            devices.suspend(exchange, device);
        } else if (Boolean.FALSE.equals(wanted.suspended()) && device.status == Device.Status.SUSPENDED) {
            devices.resume(exchange, device);
        }
        device.allowedSans = allowedSans.map(sans -> sans.entries().toArray(String[]::new)).orElse(null);
        device.validitySeconds = validity == null ? null : validity.toSeconds();
        device.updatedAt = Instant.now();
        RegistrationView view = RegistrationView.of(device);
        audit.append(exchange.event(created ? EnrollmentEvent.Outcome.CREATED : EnrollmentEvent.Outcome.UPDATED,
                created ? 201 : 200, null, (created ? "registered" : "registration updated") + ": allowed SANs "
                        + (view.allowedSans() == null ? "per profile" : view.allowedSans()) + ", validity "
                        + (view.validity() == null ? "per profile" : view.validity())));
        return new Registered(created, view);
    }

    @Transactional
    RegistrationView get(EstExchange exchange, String label, String identity) {
        at(exchange, label, identity);
        return RegistrationView.of(Device.lookup(label, identity).orElseThrow(() -> unknown(label, identity)));
    }

    /**
     * Revokes the device's certificates and marks it deleted; a device already deleted stays as it is, so that a
     * repeated delete succeeds.
     */
    @Transactional
    RegistrationView delete(EstExchange exchange, String label, String identity, RevocationReason reason) {
        at(exchange, label, identity);
        Device device = Device.lock(label, identity).orElseThrow(() -> unknown(label, identity));
        if (device.status != Device.Status.REVOKED) {
            devices.delete(exchange, device, reason);
        }
        return RegistrationView.of(device);
    }

    private static void at(EstExchange exchange, String label, String identity) {
        exchange.at(exchange.operation(), label);
        exchange.device(identity);
    }

    private static RequestRejected unknown(String label, String identity) {
        return new RequestRejected(Problem.NOT_FOUND, "no device '" + identity + "' on label '" + label
                + "'; register it with PUT /api/v1/registrations/" + label + "/" + identity);
    }
}
