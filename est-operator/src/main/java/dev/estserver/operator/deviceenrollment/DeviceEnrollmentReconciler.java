package dev.estserver.operator.deviceenrollment;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;

import dev.estserver.operator.api.v1alpha1.DeviceEnrollment;
import dev.estserver.operator.api.v1alpha1.DeviceEnrollmentStatus;
import dev.estserver.operator.api.v1alpha1.EstServer;
import dev.estserver.operator.config.OperatorConfig;
import dev.estserver.operator.service.AdminApi;
import dev.estserver.operator.service.AdminApiException;
import dev.estserver.operator.service.RegistrationView;
import dev.estserver.operator.service.ServiceConnection;
import dev.estserver.operator.service.ServiceConnections;
import dev.estserver.operator.spec.InvalidSpec;
import dev.estserver.operator.status.Reason;

/**
 * Registers each DeviceEnrollment with its EstServer's service, hands the device a bootstrap credential, and mirrors
 * its certificate into status; deleting it revokes its certificates.
 * <p>
 * The finalizer comes from implementing {@link Cleaner}: the revocation is not a Kubernetes object a dependent could
 * model, and as a Cleaner it is retried, reported in status, and survives an operator that was down at deletion time
 * (the finalizer holds the object until the next start).
 */
@ControllerConfiguration(name = DeviceEnrollmentReconciler.NAME)
public class DeviceEnrollmentReconciler implements Reconciler<DeviceEnrollment>, Cleaner<DeviceEnrollment> {

    static final String NAME = "deviceenrollment";

    private static final Logger LOG = Logger.getLogger(DeviceEnrollmentReconciler.class);
    /** Added to the delay until a moment, so that the next look falls past it rather than on it. */
    private static final Duration PAST_THE_MOMENT = Duration.ofSeconds(1);

    private final ServerReferences servers;
    private final ServiceConnections connections;
    private final AdminApi api;
    private final BootstrapSecrets bootstrapSecrets;
    private final Deregistration deregistration;
    private final OperatorConfig config;

    DeviceEnrollmentReconciler(ServerReferences servers, ServiceConnections connections, AdminApi api,
            BootstrapSecrets bootstrapSecrets, Deregistration deregistration, OperatorConfig config) {
        this.servers = servers;
        this.connections = connections;
        this.api = api;
        this.bootstrapSecrets = bootstrapSecrets;
        this.deregistration = deregistration;
        this.config = config;
    }

    /** A change of an EstServer (created, policy, endpoint) is looked at by every enrollment that names it. */
    @Override
    public List<EventSource<?, DeviceEnrollment>> prepareEventSources(EventSourceContext<DeviceEnrollment> context) {
        var estServers = InformerEventSourceConfiguration.from(EstServer.class, DeviceEnrollment.class)
                .withSecondaryToPrimaryMapper(server -> context.getPrimaryCache()
                        .list(enrollment -> ServerReferences.names(enrollment, server))
                        .map(ResourceID::fromResource).collect(Collectors.toSet()))
                .build();
        return List.of(new InformerEventSource<>(estServers, context));
    }

    @Override
    public UpdateControl<DeviceEnrollment> reconcile(DeviceEnrollment enrollment, Context<DeviceEnrollment> context) {
        Instant now = Instant.now();
        Outcome outcome;
        try {
            outcome = enroll(enrollment, now);
        } catch (InvalidSpec e) {
            outcome = notAccepted(enrollment, e.reason(), e.getMessage(), config.resyncInterval(), now);
        } catch (AdminApiException e) {
            outcome = notAccepted(enrollment, Reason.REGISTRATION_FAILED, e.getMessage(),
                    e.isTransient() ? config.pollInterval() : config.resyncInterval(), now);
        }
        if (Objects.equals(outcome.status(), enrollment.getStatus())) {
            return UpdateControl.<DeviceEnrollment>noUpdate().rescheduleAfter(outcome.nextLook());
        }
        enrollment.setStatus(outcome.status());
        return UpdateControl.patchStatus(enrollment).rescheduleAfter(outcome.nextLook());
    }

    /** Keeps the finalizer, and says why in status, until the service has revoked the device. */
    @Override
    public DeleteControl cleanup(DeviceEnrollment enrollment, Context<DeviceEnrollment> context) {
        Optional<String> pending = deregistration.revoke(enrollment);
        if (pending.isEmpty()) {
            return DeleteControl.defaultDelete();
        }
        DeviceEnrollmentStatus status = EnrollmentStatus.notAccepted(enrollment, Reason.REVOCATION_FAILED,
                "deletion waits until the service revokes the device: " + pending.get(), Instant.now());
        if (!status.equals(enrollment.getStatus())) {
            LOG.warnf("DeviceEnrollment %s/%s stays until its revocation succeeds: %s",
                    enrollment.getMetadata().getNamespace(), enrollment.getMetadata().getName(), pending.get());
            context.resourceOperations().jsonPatchPrimaryStatus(enrollment, current -> {
                current.setStatus(status);
                return current;
            });
        }
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(config.pollInterval());
    }

    private Outcome enroll(DeviceEnrollment enrollment, Instant now) throws InvalidSpec {
        DesiredEnrollment desired = DesiredEnrollment.of(enrollment);
        EstServer server = servers.resolve(enrollment);
        String serverName = server.getMetadata().getNamespace() + "/" + server.getMetadata().getName();
        Optional<ServiceConnection> service = connections.of(server);
        if (service.isEmpty()) {
            return notAccepted(enrollment, Reason.SERVER_NOT_READY, "EstServer " + serverName
                    + " has not published its admin token and CA bundle yet", config.pollInterval(), now);
        }
        RegistrationView registration = register(enrollment, desired, service.get());
        String bootstrapUsername = desired.bootstrap().isPresent()
                ? bootstrapSecrets.ensure(enrollment, desired, desired.bootstrap().get(), server, service.get(),
                        registration)
                : Optional.ofNullable(enrollment.getStatus()).map(DeviceEnrollmentStatus::bootstrapUsername)
                        .orElse(null);
        Optional<CertificateTimes> certificate = Optional.ofNullable(registration.currentCertificate())
                .map(c -> CertificateTimes.of(c, desired.renewBefore()));
        return new Outcome(EnrollmentStatus.registered(enrollment, serverName, desired, registration, certificate,
                bootstrapUsername, now), nextLook(registration, certificate, now));
    }

    /** Writes to the service only when its registration differs from the spec (each write is an audit row there). */
    private RegistrationView register(DeviceEnrollment enrollment, DesiredEnrollment desired,
            ServiceConnection service) {
        RegistrationKey key = desired.key();
        Optional<RegistrationView> current = api.registration(service, key.label(), key.identity());
        if (current.isPresent() && desired.isSatisfiedBy(current.get())) {
            return current.get();
        }
        RegistrationView registered = api.register(service, key.label(), key.identity(), desired.request());
        LOG.infof("DeviceEnrollment %s/%s registered as '%s' (suspended: %s)", enrollment.getMetadata().getNamespace(),
                enrollment.getMetadata().getName(), key, desired.suspended());
        return registered;
    }

    /**
     * Soon while the device has not enrolled (the first certificate should show quickly), else at the periodic resync
     * or when Expiring or Ready change by time alone, whichever comes first.
     */
    private Duration nextLook(RegistrationView registration, Optional<CertificateTimes> certificate, Instant now) {
        if (certificate.isEmpty()) {
            return RegistrationView.SUSPENDED.equals(registration.status()) ? config.resyncInterval()
                    : config.pollInterval();
        }
        return certificate.get().nextChangeAfter(now).map(at -> Duration.between(now, at).plus(PAST_THE_MOMENT))
                .filter(untilChange -> untilChange.compareTo(config.resyncInterval()) < 0)
                .orElse(config.resyncInterval());
    }

    private static Outcome notAccepted(DeviceEnrollment enrollment, String reason, String message, Duration nextLook,
            Instant now) {
        return new Outcome(EnrollmentStatus.notAccepted(enrollment, reason, message, now), nextLook);
    }

    /** The status to show and when to look again. */
    private record Outcome(DeviceEnrollmentStatus status, Duration nextLook) {
    }
}
