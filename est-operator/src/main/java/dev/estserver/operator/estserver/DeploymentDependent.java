package dev.estserver.operator.estserver;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;

import dev.estserver.operator.api.v1alpha1.EstServer;
import dev.estserver.operator.api.v1alpha1.EstServerSpec;
import dev.estserver.operator.api.v1alpha1.SecretKeyRef;

/**
 * The est-service pods: configuration from the rendered ConfigMap, CA and server certificate from Secrets, database
 * and admin credentials from Secret key references, probes on the management port, hardened security context.
 */
public class DeploymentDependent extends OwnedDependent<Deployment> {

    /** Pod-template annotation whose change rolls the pods. */
    public static final String HASH_ANNOTATION = "estserver.dev/config-hash";
    /** Quarkus reads {@code config/application.properties} relative to the image's working directory. */
    static final String CONFIG_DIR = "/deployments/config";
    /**
     * The user of the est-service image (src/main/docker). Mounted Secrets are readable by group only (0440), and
     * fsGroup makes that group this user's, so the keys are readable by the service and nobody else in the pod.
     */
    static final long IMAGE_USER = 185;

    public DeploymentDependent() {
        super(Deployment.class);
    }

    static int replicas(EstServer server) {
        return server.getSpec().replicas() == null ? 1 : server.getSpec().replicas();
    }

    @Override
    protected Deployment desired(EstServer server, Context<EstServer> context) {
        RenderInputs inputs = RenderInputs.of(context);
        OwnedNames names = OwnedNames.of(server);
        return new DeploymentBuilder().withMetadata(Owned.metadata(server, names.workload()))
                .withNewSpec().withReplicas(replicas(server))
                .withNewSelector().withMatchLabels(Owned.selector(server)).endSelector()
                .withNewTemplate()
                .withNewMetadata().withLabels(Owned.labels(server))
                .withAnnotations(Map.of(HASH_ANNOTATION, inputs.podTemplateHash())).endMetadata()
                .withNewSpec().withServiceAccountName(names.workload()).withAutomountServiceAccountToken(false)
                .withNewSecurityContext().withRunAsNonRoot(true).withRunAsUser(IMAGE_USER).withRunAsGroup(IMAGE_USER)
                .withFsGroup(IMAGE_USER).withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .endSecurityContext()
                .withContainers(container(server, inputs, names))
                .withVolumes(volumes(inputs, names))
                .endSpec().endTemplate().endSpec().build();
    }

    private static Container container(EstServer server, RenderInputs inputs, OwnedNames names) {
        EstServerSpec spec = server.getSpec();
        return new ContainerBuilder().withName("est-service")
                .withImage(inputs.image())
                .addNewPort().withName("https").withContainerPort(OwnedNames.HTTPS_PORT).endPort()
                .addNewPort().withName("management").withContainerPort(OwnedNames.MANAGEMENT_PORT).endPort()
                .withEnv(environment(spec, names))
                .withResources(spec.resources())
                .withStartupProbe(probe("/q/health/started", 2, 60))
                .withReadinessProbe(probe("/q/health/ready", 10, 3))
                .withLivenessProbe(probe("/q/health/live", 10, 3))
                .withVolumeMounts(
                        new VolumeMountBuilder().withName("config").withMountPath(CONFIG_DIR).withReadOnly(true).build(),
                        new VolumeMountBuilder().withName("ca").withMountPath(ServiceConfigRenderer.CA_DIR)
                                .withReadOnly(true).build(),
                        new VolumeMountBuilder().withName("tls").withMountPath(ServiceConfigRenderer.TLS_DIR)
                                .withReadOnly(true).build(),
                        new VolumeMountBuilder().withName("tmp").withMountPath("/tmp").build())
                .withNewSecurityContext().withAllowPrivilegeEscalation(false).withReadOnlyRootFilesystem(true)
                .withNewCapabilities().withDrop("ALL").endCapabilities().endSecurityContext()
                .build();
    }

    private static List<EnvVar> environment(EstServerSpec spec, OwnedNames names) {
        return List.of(fromSecret("QUARKUS_DATASOURCE_USERNAME", spec.database().usernameSecret()),
                fromSecret("QUARKUS_DATASOURCE_PASSWORD", spec.database().passwordSecret()),
                fromSecret(ServiceConfigRenderer.ADMIN_TOKEN_ENV,
                        new SecretKeyRef(names.adminToken(), OwnedNames.ADMIN_TOKEN_KEY)));
    }

    private static EnvVar fromSecret(String variable, SecretKeyRef ref) {
        return new EnvVarBuilder().withName(variable).withNewValueFrom().withNewSecretKeyRef()
                .withName(ref.name()).withKey(ref.key()).endSecretKeyRef().endValueFrom().build();
    }

    private static Probe probe(String path, int periodSeconds, int failureThreshold) {
        return new ProbeBuilder().withNewHttpGet().withPath(path).withPort(new IntOrString("management"))
                .endHttpGet().withPeriodSeconds(periodSeconds).withFailureThreshold(failureThreshold)
                .withTimeoutSeconds(3).build();
    }

    private static List<Volume> volumes(RenderInputs inputs, OwnedNames names) {
        return List.of(
                new VolumeBuilder().withName("config").withNewConfigMap().withName(names.config()).endConfigMap()
                        .build(),
                new VolumeBuilder().withName("ca").withNewSecret().withSecretName(inputs.ca().secretName())
                        .withDefaultMode(0440).endSecret().build(),
                new VolumeBuilder().withName("tls").withNewSecret().withSecretName(inputs.tls().secretName())
                        .withDefaultMode(0440).endSecret().build(),
                new VolumeBuilder().withName("tmp").withNewEmptyDir().withMedium("Memory").endEmptyDir().build());
    }
}
