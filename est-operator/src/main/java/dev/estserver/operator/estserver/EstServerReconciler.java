package dev.estserver.operator.estserver;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.CRDPresentActivationCondition;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;

import dev.estserver.operator.api.v1alpha1.EstServer;
import dev.estserver.operator.api.v1alpha1.EstServerSpec;
import dev.estserver.operator.api.v1alpha1.EstServerStatus;
import dev.estserver.operator.api.v1alpha1.SecretKeyRef;
import dev.estserver.operator.config.OperatorConfig;
import dev.estserver.operator.kube.Cached;
import dev.estserver.operator.kube.KubeErrors;
import dev.estserver.operator.kube.KubeEvents;
import dev.estserver.operator.kube.SecretData;
import dev.estserver.operator.service.HealthReport;
import dev.estserver.operator.service.ServiceReadiness;
import dev.estserver.operator.spec.InvalidSpec;
import dev.estserver.operator.status.ConditionType;
import dev.estserver.operator.status.StatusConditions;

/**
 * Reconciles an EstServer: checks the spec and the Secrets it names, finds or generates the CA, issues the server
 * certificate and the admin token, renders the service configuration, then lets the workflow create or update the
 * owned objects, and finally reports. The workflow runs only after the Secrets are settled because every owned
 * object depends on them; an invalid spec stops before it, leaving the running service untouched.
 */
@ControllerConfiguration(name = "estserver")
@Workflow(explicitInvocation = true, dependents = {
        @Dependent(name = "service-account", type = ServiceAccountDependent.class),
        @Dependent(name = "config", type = ServiceConfigMapDependent.class),
        @Dependent(name = "ca-bundle", type = CaBundleConfigMapDependent.class),
        @Dependent(name = "deployment", type = DeploymentDependent.class,
                dependsOn = { "service-account", "config", "ca-bundle" }),
        @Dependent(name = "service", type = ServiceDependent.class),
        @Dependent(name = "pod-disruption-budget", type = PodDisruptionBudgetDependent.class,
                reconcilePrecondition = PodDisruptionBudgetDependent.MultipleReplicas.class),
        @Dependent(name = "ingress", type = IngressDependent.class,
                reconcilePrecondition = IngressDependent.Requested.class),
        @Dependent(name = "service-monitor", type = ServiceMonitorDependent.class,
                activationCondition = CRDPresentActivationCondition.class,
                reconcilePrecondition = ServiceMonitorDependent.Requested.class) })
public class EstServerReconciler implements Reconciler<EstServer> {

    private static final Logger LOG = Logger.getLogger(EstServerReconciler.class);

    private final CaSecrets caSecrets;
    private final ServerTlsSecrets tlsSecrets;
    private final AdminTokenSecrets adminTokens;
    private final ServiceReadiness readiness;
    private final KubeEvents events;
    private final OperatorConfig config;
    /** The informer of the Secrets the servers use, set once when the controller registers its event sources. */
    private volatile Cached cached;

    EstServerReconciler(CaSecrets caSecrets, ServerTlsSecrets tlsSecrets, AdminTokenSecrets adminTokens,
            ServiceReadiness readiness, KubeEvents events, OperatorConfig config) {
        this.caSecrets = caSecrets;
        this.tlsSecrets = tlsSecrets;
        this.adminTokens = adminTokens;
        this.readiness = readiness;
        this.events = events;
        this.config = config;
    }

    /**
     * Secrets trigger a reconcile of every EstServer in their namespace that uses them, so that a rotated GitOps CA
     * or database password rolls the pods without waiting for the periodic resync. Every Secret is read from this
     * informer's cache; the DeviceEnrollments' bootstrap Secrets (one per device) are left out of it.
     */
    @Override
    public List<EventSource<?, EstServer>> prepareEventSources(EventSourceContext<EstServer> context) {
        var secrets = new InformerEventSource<>(InformerEventSourceConfiguration.from(Secret.class, EstServer.class)
                .withName("referenced-secrets")
                .withNamespacesInheritedFromController()
                .withLabelSelector("!" + OwnedNames.BOOTSTRAP_LABEL)
                .withSecondaryToPrimaryMapper(secret -> context.getPrimaryCache()
                        .list(secret.getMetadata().getNamespace())
                        .filter(server -> secretNames(server).contains(secret.getMetadata().getName()))
                        .map(ResourceID::fromResource).collect(Collectors.toSet()))
                .build(), context);
        cached = Cached.of(secrets);
        return List.of(secrets);
    }

    @Override
    public UpdateControl<EstServer> reconcile(EstServer server, Context<EstServer> context) {
        Instant now = Instant.now();
        EstServerStatus status;
        try {
            RenderInputs inputs = prepare(server, new SecretAccess(context.getClient(),
                    id -> cached.get(Secret.class, id.getNamespace().orElseThrow(), id.getName())));
            inputs.putInto(context);
            context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
            Optional<Deployment> deployment = context.getSecondaryResource(Deployment.class);
            Optional<URI> management = managementBase(server, context);
            Optional<HealthReport> health = management.map(readiness::check);
            status = EstServerStatusAggregator.rendered(server, inputs, new EstServerStatusAggregator.Observed(
                    DeploymentDependent.replicas(server), deployment.orElse(null), health,
                    "no running est-service pod to ask yet"), now);
        } catch (InvalidSpec problem) {
            status = EstServerStatusAggregator.invalid(server, problem, now);
        }
        UpdateControl<EstServer> control;
        if (Objects.equals(status, server.getStatus())) {
            control = UpdateControl.noUpdate();
        } else {
            announce(server, server.getStatus(), status);
            server.setStatus(status);
            control = UpdateControl.patchStatus(server);
        }
        return control.rescheduleAfter(config.resyncInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * An error nobody expected (the API server refused a write, say): Ready and Degraded say so. A 409 Conflict is
     * expected: a write based on a read the cache had not caught up with yet, which the retry reads again.
     */
    @Override
    public ErrorStatusUpdateControl<EstServer> updateErrorStatus(EstServer server, Context<EstServer> context,
            Exception e) {
        if (KubeErrors.isConflict(e)) {
            LOG.debugf("EstServer %s/%s: an object changed since it was read, reconciling again: %s",
                    server.getMetadata().getNamespace(), server.getMetadata().getName(), e);
            return ErrorStatusUpdateControl.noStatusUpdate();
        }
        LOG.warnf("EstServer %s/%s: %s", server.getMetadata().getNamespace(), server.getMetadata().getName(), e);
        EstServerStatus status = EstServerStatusAggregator.failed(server, "the operator failed and retries: " + e,
                Instant.now());
        if (status.equals(server.getStatus())) {
            return ErrorStatusUpdateControl.noStatusUpdate();
        }
        announce(server, server.getStatus(), status);
        server.setStatus(status);
        return ErrorStatusUpdateControl.patchStatus(server);
    }

    /** A Warning Event when Degraded turns True or changes its reason, a Normal one when Ready turns True. */
    private void announce(EstServer server, EstServerStatus before, EstServerStatus after) {
        Optional<Condition> degraded = changed(before, after, ConditionType.DEGRADED);
        degraded.filter(c -> "True".equals(c.getStatus())).ifPresent(c -> {
            LOG.warnf("EstServer %s/%s: %s: %s", server.getMetadata().getNamespace(), server.getMetadata().getName(),
                    c.getReason(), c.getMessage());
            events.warning(server, c.getReason(), c.getMessage());
        });
        changed(before, after, ConditionType.READY).filter(c -> "True".equals(c.getStatus()))
                .ifPresent(c -> events.normal(server, c.getReason(), c.getMessage()));
    }

    private static Optional<Condition> changed(EstServerStatus before, EstServerStatus after, String type) {
        return StatusConditions.transition(before == null ? null : before.conditions(), after.conditions(), type);
    }

    private RenderInputs prepare(EstServer server, SecretAccess secrets) throws InvalidSpec {
        EstServerSpec spec = server.getSpec();
        EstServerSpecCheck.require(spec);
        PodTemplateHash hash = new PodTemplateHash();
        String namespace = server.getMetadata().getNamespace();
        for (var ref : List.of(new NamedRef("spec.database.usernameSecret", spec.database().usernameSecret()),
                new NamedRef("spec.database.passwordSecret", spec.database().passwordSecret()))) {
            Secret secret = secrets.get(namespace, ref.ref().name()).orElse(null);
            hash.add("secret/" + ref.ref().name() + "/" + ref.ref().key(),
                    SecretData.required(secret, ref.field(), ref.ref().name(), ref.ref().key()));
        }
        CaMaterial ca;
        try {
            ca = caSecrets.resolve(server, secrets);
        } catch (InvalidSpec problem) {
            throw problem.concerning(ConditionType.CA_READY);
        }
        ServerTls tls = tlsSecrets.ensure(server, ca, secrets);
        adminTokens.ensure(server, secrets);
        OwnedNames names = OwnedNames.of(server);
        for (String secretName : List.of(ca.secretName(), tls.secretName(), names.adminToken())) {
            hash.addAll("secret/" + secretName, secrets.get(namespace, secretName).map(Secret::getData).orElse(null));
        }
        String base = spec.ingress() != null ? "https://" + spec.ingress().host()
                : names.httpsBase(config.clusterDomain());
        String serviceConfig = ServiceConfigRenderer.render(server, ca, base);
        hash.add("config", serviceConfig);
        String bundle = ca.bundlePem() + tls.extraTrust().orElse("");
        return new RenderInputs(ca, tls, serviceConfig, bundle, hash.digest(), base + OwnedNames.EST_PATH,
                spec.image() == null ? config.defaultImage() : spec.image());
    }

    private record NamedRef(String field, SecretKeyRef ref) {
    }

    /** The override (operator outside the cluster), else a running pod: pods that fail readiness are the point. */
    private Optional<URI> managementBase(EstServer server, Context<EstServer> context) {
        if (config.managementUrlOverride().isPresent()) {
            return config.managementUrlOverride().map(URI::create);
        }
        return context.getClient().pods().inNamespace(server.getMetadata().getNamespace())
                .withLabels(Owned.selector(server)).list().getItems().stream()
                .filter(pod -> pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase())
                        && pod.getStatus().getPodIP() != null)
                .map(Pod::getStatus).findFirst()
                .map(s -> URI.create("http://" + hostLiteral(s.getPodIP()) + ":" + OwnedNames.MANAGEMENT_PORT));
    }

    private static String hostLiteral(String ip) {
        return ip.contains(":") ? "[" + ip + "]" : ip;
    }

    /** Every Secret whose content the pods read or the operator renders from. */
    static Set<String> secretNames(EstServer server) {
        EstServerSpec spec = server.getSpec();
        OwnedNames names = OwnedNames.of(server);
        List<String> all = new ArrayList<>(List.of(names.generatedCa(), names.tls(), names.adminToken()));
        if (spec == null) {
            return Set.copyOf(all);
        }
        if (spec.ca() != null && spec.ca().secretRef() != null) {
            all.add(spec.ca().secretRef().name());
        }
        if (spec.tls() != null && spec.tls().secretRef() != null) {
            all.add(spec.tls().secretRef().name());
        }
        if (spec.database() != null) {
            Optional.ofNullable(spec.database().usernameSecret()).ifPresent(r -> all.add(r.name()));
            Optional.ofNullable(spec.database().passwordSecret()).ifPresent(r -> all.add(r.name()));
        }
        return Set.copyOf(all);
    }
}
