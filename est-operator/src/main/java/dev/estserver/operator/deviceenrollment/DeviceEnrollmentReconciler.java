package dev.estserver.operator.deviceenrollment;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;

import dev.estserver.operator.api.v1alpha1.DeviceEnrollment;
import dev.estserver.operator.api.v1alpha1.DeviceEnrollmentStatus;
import dev.estserver.operator.api.v1alpha1.EstServer;
import dev.estserver.operator.config.OperatorConfig;
import dev.estserver.operator.estserver.OwnedNames;
import dev.estserver.operator.kube.Cached;
import dev.estserver.operator.service.AdminApi;
import dev.estserver.operator.service.AdminApiException;
import dev.estserver.operator.service.Owner;
import dev.estserver.operator.service.RegistrationView;
import dev.estserver.operator.service.ServiceConnection;
import dev.estserver.operator.service.ServiceConnections;
import dev.estserver.operator.spec.InvalidSpec;
import dev.estserver.operator.status.Reason;

/**
 * Registers each DeviceEnrollment with its EstServer's service, hands the device a bootstrap credential, and mirrors
 * its certificate into status; deleting it revokes its certificates.
 * <p>
 * Nothing is polled per DeviceEnrollment: the EstServer, the admin token, the CA bundle and the bootstrap Secret come
 * from informer caches, and the service's registrations from one {@link RegistrationFeed} per server, whose changes
 * wake the DeviceEnrollments concerned. A reconcile is otherwise due only when Ready or Expiring change by time.
 * <p>
 * The finalizer comes from implementing {@link Cleaner}: the revocation is not a Kubernetes object a dependent could
 * model, and as a Cleaner it is retried, reported in status, and survives an operator that was down at deletion time
 * (the finalizer holds the object until the next start).
 */
@ControllerConfiguration(name = DeviceEnrollmentReconciler.NAME,
        maxReconciliationInterval = @MaxReconciliationInterval(interval = 10, timeUnit = TimeUnit.MINUTES))
public class DeviceEnrollmentReconciler implements Reconciler<DeviceEnrollment>, Cleaner<DeviceEnrollment> {

    static final String NAME = "deviceenrollment";

    private static final Logger LOG = Logger.getLogger(DeviceEnrollmentReconciler.class);
    /** Added to the delay until a moment, so that the next look falls past it rather than on it. */
    private static final Duration PAST_THE_MOMENT = Duration.ofSeconds(1);

    private final ServiceConnections connections;
    private final AdminApi api;
    private final RegistrationFeed feed;
    private final BootstrapSecrets bootstrapSecrets;
    private final Deregistration deregistration;
    private final EnrollmentEvents events;
    private final OperatorConfig config;
    /** The informers below, set once when the controller registers its event sources. */
    private volatile Cached cached;

    DeviceEnrollmentReconciler(ServiceConnections connections, AdminApi api, RegistrationFeed feed,
            BootstrapSecrets bootstrapSecrets, Deregistration deregistration, EnrollmentEvents events,
            OperatorConfig config) {
        this.connections = connections;
        this.api = api;
        this.feed = feed;
        this.bootstrapSecrets = bootstrapSecrets;
        this.deregistration = deregistration;
        this.events = events;
        this.config = config;
    }

    /**
     * A change of an EstServer (created, policy, endpoint), of its admin token or CA bundle, is looked at by every
     * enrollment that names it; a change of a bootstrap Secret by its DeviceEnrollment; a change in the service by
     * the DeviceEnrollment that owns the registration.
     */
    @Override
    public List<EventSource<?, DeviceEnrollment>> prepareEventSources(EventSourceContext<DeviceEnrollment> context) {
        var estServers = new InformerEventSource<>(InformerEventSourceConfiguration
                .from(EstServer.class, DeviceEnrollment.class)
                .withSecondaryToPrimaryMapper(server -> naming(context, server.getMetadata().getNamespace(),
                        server.getMetadata().getName()))
                .build(), context);
        var secrets = new InformerEventSource<>(InformerEventSourceConfiguration
                .from(Secret.class, DeviceEnrollment.class)
                .withLabelSelector(OwnedNames.MANAGED_BY_LABEL + "=" + OwnedNames.MANAGED_BY)
                .withSecondaryToPrimaryMapper(secret -> secretUsers(context, secret))
                .build(), context);
        var configMaps = new InformerEventSource<>(InformerEventSourceConfiguration
                .from(ConfigMap.class, DeviceEnrollment.class)
                .withLabelSelector(OwnedNames.MANAGED_BY_LABEL + "=" + OwnedNames.MANAGED_BY)
                .withSecondaryToPrimaryMapper(bundle -> publishedBy(bundle, OwnedNames::caBundle)
                        .map(server -> naming(context, bundle.getMetadata().getNamespace(), server))
                        .orElse(Set.of()))
                .build(), context);
        cached = Cached.of(estServers, secrets, configMaps);
        return List.of(estServers, secrets, configMaps,
                new RegistrationEvents(feed, estServers, connections, cached, config.pollInterval()));
    }

    /** A bootstrap Secret wakes the DeviceEnrollment that owns it, an admin token Secret every one naming its server. */
    private static Set<ResourceID> secretUsers(EventSourceContext<DeviceEnrollment> context, Secret secret) {
        Set<ResourceID> owners = secret.getMetadata().getOwnerReferences() == null ? Set.of()
                : secret.getMetadata().getOwnerReferences().stream()
                        .filter(owner -> HasMetadata.getKind(DeviceEnrollment.class).equals(owner.getKind()))
                        .map(owner -> new ResourceID(owner.getName(), secret.getMetadata().getNamespace()))
                        .collect(Collectors.toSet());
        if (!owners.isEmpty()) {
            return owners;
        }
        return publishedBy(secret, OwnedNames::adminToken)
                .map(server -> naming(context, secret.getMetadata().getNamespace(), server)).orElse(Set.of());
    }

    /** The EstServer whose object this is, when its name is the one {@code name} gives that server's object. */
    private static Optional<String> publishedBy(HasMetadata object,
            Function<OwnedNames, String> name) {
        String server = labels(object).get(OwnedNames.SERVER_LABEL);
        return Optional.ofNullable(server).filter(s -> object.getMetadata().getName().equals(
                name.apply(new OwnedNames(object.getMetadata().getNamespace(), s))));
    }

    private static Map<String, String> labels(HasMetadata object) {
        return object.getMetadata().getLabels() == null ? Map.of() : object.getMetadata().getLabels();
    }

    private static Set<ResourceID> naming(EventSourceContext<DeviceEnrollment> context, String namespace,
            String server) {
        return context.getPrimaryCache().list(enrollment -> ServerReferences.names(enrollment, namespace, server))
                .map(ResourceID::fromResource).collect(Collectors.toSet());
    }

    @Override
    public UpdateControl<DeviceEnrollment> reconcile(DeviceEnrollment enrollment, Context<DeviceEnrollment> context) {
        Instant now = Instant.now();
        Outcome outcome;
        try {
            outcome = enroll(enrollment, now);
        } catch (InvalidSpec e) {
            // An edit of the spec or of the EstServer wakes it.
            outcome = notAccepted(enrollment, e.reason(), e.getMessage(), Optional.empty(), now);
        } catch (AdminApiException e) {
            // A conflict ends when the owner goes, which wakes the owner only: look again at the resync.
            outcome = e.isConflict()
                    ? notAccepted(enrollment, Reason.IDENTITY_CONFLICT, e.getMessage(),
                            Optional.of(config.resyncInterval()), now)
                    : notAccepted(enrollment, Reason.REGISTRATION_FAILED, e.getMessage(), Optional.of(
                            e.isTransient() ? config.pollInterval() : config.resyncInterval()), now);
        }
        UpdateControl<DeviceEnrollment> control;
        if (Objects.equals(outcome.status(), enrollment.getStatus())) {
            control = UpdateControl.noUpdate();
        } else {
            events.announce(enrollment, enrollment.getStatus(), outcome.status());
            enrollment.setStatus(outcome.status());
            control = UpdateControl.patchStatus(enrollment);
        }
        return outcome.nextLook().map(control::rescheduleAfter).orElse(control);
    }

    /** An error nobody expected (the API server refused a write, say): Ready says so instead of staying as it was. */
    @Override
    public ErrorStatusUpdateControl<DeviceEnrollment> updateErrorStatus(DeviceEnrollment enrollment,
            Context<DeviceEnrollment> context, Exception e) {
        LOG.warnf("DeviceEnrollment %s/%s: %s", enrollment.getMetadata().getNamespace(),
                enrollment.getMetadata().getName(), e);
        DeviceEnrollmentStatus status = EnrollmentStatus.notReady(enrollment, Reason.RECONCILE_ERROR,
                "the operator failed and retries: " + e, Instant.now());
        if (status.equals(enrollment.getStatus())) {
            return ErrorStatusUpdateControl.noStatusUpdate();
        }
        enrollment.setStatus(status);
        return ErrorStatusUpdateControl.patchStatus(enrollment);
    }

    /** Keeps the finalizer, and says why in status, until the service has revoked the device. */
    @Override
    public DeleteControl cleanup(DeviceEnrollment enrollment, Context<DeviceEnrollment> context) {
        Optional<Deregistration.Waiting> waiting = deregistration.revoke(enrollment, cached);
        if (waiting.isEmpty()) {
            return DeleteControl.defaultDelete();
        }
        DeviceEnrollmentStatus status = EnrollmentStatus.notReady(enrollment, waiting.get().reason(),
                waiting.get().message(), Instant.now());
        if (!status.equals(enrollment.getStatus())) {
            LOG.warnf("DeviceEnrollment %s/%s stays until its revocation succeeds: %s",
                    enrollment.getMetadata().getNamespace(), enrollment.getMetadata().getName(),
                    waiting.get().message());
            events.announce(enrollment, enrollment.getStatus(), status);
            context.resourceOperations().jsonPatchPrimaryStatus(enrollment, current -> {
                current.setStatus(status);
                return current;
            });
        }
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(config.pollInterval());
    }

    private Outcome enroll(DeviceEnrollment enrollment, Instant now) throws InvalidSpec {
        DesiredEnrollment desired = DesiredEnrollment.of(enrollment);
        EstServer server = ServerReferences.resolve(enrollment, cached);
        String serverName = server.getMetadata().getNamespace() + "/" + server.getMetadata().getName();
        Optional<ServiceConnection> service = connections.of(server, cached);
        if (service.isEmpty()) {
            // The informers wake this enrollment once the token and bundle are there.
            return notAccepted(enrollment, Reason.SERVER_NOT_READY, "EstServer " + serverName
                    + " has not published its admin token and CA bundle yet", Optional.empty(), now);
        }
        RegistrationView registration = register(enrollment, desired, ResourceID.fromResource(server),
                service.get());
        BootstrapSecrets.Handed handed = desired.bootstrap().isPresent()
                ? bootstrapSecrets.ensure(enrollment, desired, desired.bootstrap().get(), server, service.get(),
                        registration, cached)
                : new BootstrapSecrets.Handed(Optional.ofNullable(enrollment.getStatus())
                        .map(DeviceEnrollmentStatus::bootstrapUsername).orElse(null), Optional.empty());
        Optional<CertificateTimes> certificate = Optional.ofNullable(registration.currentCertificate())
                .map(c -> CertificateTimes.of(c, desired.renewBefore()));
        return new Outcome(EnrollmentStatus.registered(enrollment, serverName, desired, registration, certificate,
                handed.username(), now), nextLook(certificate, handed.replaceAt(), now));
    }

    /**
     * Writes to the service only when its registration differs from the spec or is not this object's (each write is
     * an audit row there); the service refuses (409) one that another DeviceEnrollment owns.
     */
    private RegistrationView register(DeviceEnrollment enrollment, DesiredEnrollment desired, ResourceID server,
            ServiceConnection service) {
        RegistrationKey key = desired.key();
        Owner owner = Owner.of(enrollment);
        Optional<RegistrationView> current = feed.registration(server, service, key);
        if (current.isPresent() && desired.isSatisfiedBy(current.get(), owner)) {
            return current.get();
        }
        RegistrationView registered = api.register(service, key.label(), key.identity(), desired.request(owner));
        feed.remember(server, registered);
        LOG.infof("DeviceEnrollment %s/%s registered as '%s' (suspended: %s)", enrollment.getMetadata().getNamespace(),
                enrollment.getMetadata().getName(), key, desired.suspended());
        return registered;
    }

    /**
     * When Expiring or Ready change by time alone, or a reusable credential is to be replaced. Nothing else needs a
     * timer: the registration feed wakes a device that enrolled, renewed or was revoked, the informers one whose
     * objects changed, and the controller's maximum reconciliation interval looks at every one now and then in case
     * an event was lost.
     */
    private static Optional<Duration> nextLook(Optional<CertificateTimes> certificate,
            Optional<Instant> credentialReplacement, Instant now) {
        return Stream.concat(certificate.flatMap(c -> c.nextChangeAfter(now)).stream(),
                credentialReplacement.stream()).min(Instant::compareTo)
                .map(at -> now.isBefore(at) ? Duration.between(now, at).plus(PAST_THE_MOMENT) : PAST_THE_MOMENT);
    }

    private static Outcome notAccepted(DeviceEnrollment enrollment, String reason, String message,
            Optional<Duration> nextLook, Instant now) {
        return new Outcome(EnrollmentStatus.notAccepted(enrollment, reason, message, now), nextLook);
    }

    /** The status to show and when to look again; empty: when an event says so. */
    private record Outcome(DeviceEnrollmentStatus status, Optional<Duration> nextLook) {
    }
}
