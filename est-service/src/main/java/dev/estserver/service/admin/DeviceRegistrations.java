package dev.estserver.service.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.estserver.service.context.EnrollmentContext;
import dev.estserver.service.policy.Profiles;
import dev.estserver.service.policy.SanAllowList;
import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;
import dev.estserver.service.revocation.RevocationReason;
import dev.estserver.service.store.AuditLog;
import dev.estserver.service.store.Device;
import dev.estserver.service.store.EnrollmentEvent;
import dev.estserver.service.store.Owner;

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
     * With an owner, only for that owner ({@link #claim}).
     */
    @Transactional
    Registered register(EnrollmentContext context, String label, String identity,
            RegistrationsResource.RegistrationRequest request) {
        profiles.forLabel(label);
        at(context, label, identity);
        var wanted = request == null ? new RegistrationsResource.RegistrationRequest(null, null, null, null) : request;
        Optional<SanAllowList> allowedSans = Optional.ofNullable(wanted.allowedSans())
                .map(sans -> SanAllowList.parse("allowedSans", sans));
        Duration validity = QueryParameters.duration("validity", wanted.validity(), null);
        if (validity != null && (validity.isNegative() || validity.isZero())) {
            throw new RequestRejected(Problem.MALFORMED, "validity must be positive, got '" + wanted.validity() + "'");
        }
        Owner owner = wanted.owner() == null ? null : wanted.owner().requireComplete("owner");

        boolean created = Device.createIfAbsent(label, identity);
        Device device = Device.lock(label, identity).orElseThrow();
        claim(context, device, owner);
        if (device.status == Device.Status.REVOKED) {
            devices.reset(context, device, RevocationReason.SUPERSEDED);
        }
        if (Boolean.TRUE.equals(wanted.suspended()) && device.status != Device.Status.SUSPENDED) {
            devices.suspend(context, device);
        } else if (Boolean.FALSE.equals(wanted.suspended()) && device.status == Device.Status.SUSPENDED) {
            devices.resume(context, device);
        }
        device.allowedSans = allowedSans.map(sans -> sans.entries().toArray(String[]::new)).orElse(null);
        device.validitySeconds = validity == null ? null : validity.toSeconds();
        device.updatedAt = Instant.now();
        RegistrationView view = RegistrationView.of(device);
        audit.append(context.event(created ? EnrollmentEvent.Outcome.CREATED : EnrollmentEvent.Outcome.UPDATED,
                created ? 201 : 200, null, (created ? "registered" : "registration updated") + ": allowed SANs "
                        + (view.allowedSans() == null ? "per profile" : view.allowedSans()) + ", validity "
                        + (view.validity() == null ? "per profile" : view.validity()) + ", owner "
                        + (device.owner == null ? "none" : device.owner.describe())));
        return new Registered(created, view);
    }

    /**
     * Records {@code requested} (null: an administrator's call, which leaves the owner as it is) as the owner of the
     * locked device. A registration nobody owns yet (made by hand, or before owners existed) is adopted; an owner of
     * the same name with another uid is that owner deleted and created again, as GitOps does, and keeps it. An owner
     * of another name is refused, so that nobody takes over a device that is someone else's.
     */
    private void claim(EnrollmentContext context, Device device, Owner requested) {
        Owner recorded = device.owner;
        if (requested == null || requested.equals(recorded)) {
            return;
        }
        if (recorded != null && !recorded.name().equals(requested.name())) {
            throw new RequestRejected(Problem.CONFLICT, named(device) + " belongs to " + recorded.describe() + "; "
                    + requested.name() + " cannot take it over");
        }
        if (recorded != null) {
            audit.append(context.event(EnrollmentEvent.Outcome.UPDATED, 200, null, "owner " + recorded.name()
                    + " re-created: uid " + recorded.uid() + " → " + requested.uid()));
        }
        device.owner = requested;
    }

    @Transactional
    RegistrationView get(EnrollmentContext context, String label, String identity) {
        at(context, label, identity);
        return RegistrationView.of(Device.lookup(label, identity).orElseThrow(() -> unknown(label, identity)));
    }

    /**
     * Registrations changed at or after {@code since} (null: all), in the order of their last change, then of id;
     * what counts as a change is {@link Device#updatedAt}'s rule.
     */
    @Transactional
    ChangesPage changes(Instant since, PageRequest page) {
        ChangesPosition after = page.afterKey(ChangesPosition::parse);
        // Taken before the query reads, so that whatever it does not see was stamped after this or committed after
        // it: a reader that asks again from a little before asOf gets it then.
        Instant asOf = after == null ? Instant.now() : after.asOf();
        // A position (since, 0) comes before every registration changed at since: device ids start at 1.
        List<Device> rows = after == null ? Device.changedAfter(since, 0, page.fetch())
                : Device.changedAfter(after.changedAt(), after.deviceId(), page.fetch());
        Page<RegistrationView> shown = page.page(rows,
                d -> new ChangesPosition(asOf, d.updatedAt, d.id).key(), RegistrationView::of);
        return new ChangesPage(shown.items(), shown.nextCursor(), asOf);
    }

    /**
     * Revokes the device's certificates and marks it deleted; a device already deleted stays as it is, so that a
     * repeated delete succeeds.
     *
     * @param ownerUid the uid of the owner deleting it; null: an administrator's call. A registration recorded for
     *                 another uid is refused, so that a late delete of an owner that was re-created since, or of
     *                 another owner, revokes nothing
     */
    @Transactional
    RegistrationView delete(EnrollmentContext context, String label, String identity, RevocationReason reason,
            String ownerUid) {
        at(context, label, identity);
        Device device = Device.lock(label, identity).orElseThrow(() -> unknown(label, identity));
        if (ownerUid != null && device.owner != null && !device.owner.uid().equals(ownerUid)) {
            throw new RequestRejected(Problem.CONFLICT, named(device) + " belongs to " + device.owner.describe()
                    + ", not to the caller's uid " + ownerUid);
        }
        if (device.status != Device.Status.REVOKED) {
            devices.delete(context, device, reason);
        }
        return RegistrationView.of(device);
    }

    private static void at(EnrollmentContext context, String label, String identity) {
        context.at(context.operation(), label);
        context.device(identity);
    }

    private static String named(Device device) {
        return "registration '" + device.label + "/" + device.identity + "'";
    }

    private static RequestRejected unknown(String label, String identity) {
        return new RequestRejected(Problem.NOT_FOUND, "no device '" + identity + "' on label '" + label
                + "'; register it with PUT /api/v1/registrations/" + label + "/" + identity);
    }
}
