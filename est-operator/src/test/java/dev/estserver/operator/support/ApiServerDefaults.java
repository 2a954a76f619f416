package dev.estserver.operator.support;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * What kube-apiserver 1.32 (its defaulting) and kube-controller-manager (the Deployment controller) make of the
 * objects the operator writes, so that the mock API server returns them as a real cluster does. The mock stores what
 * it is sent, field for field; a real API server fills in every defaulted field and the controllers add their own
 * annotations and status, and an operator that compares naively writes the object again on every resync.
 */
public final class ApiServerDefaults {

    private static final String TIME = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();

    private ApiServerDefaults() {
    }

    /** Rewrites the Deployment as the API server stores it once its controller rolled it out. */
    public static Deployment deployment(KubernetesClient client, String namespace, String name) {
        Deployment deployment = client.apps().deployments().inNamespace(namespace).withName(name).get();
        var spec = deployment.getSpec();
        spec.setProgressDeadlineSeconds(600);
        spec.setRevisionHistoryLimit(10);
        spec.setStrategy(new io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder().withType("RollingUpdate")
                .withNewRollingUpdate().withMaxSurge(new IntOrString("25%")).withMaxUnavailable(new IntOrString("25%"))
                .endRollingUpdate().build());
        var pod = spec.getTemplate().getSpec();
        pod.setDnsPolicy("ClusterFirst");
        pod.setRestartPolicy("Always");
        pod.setSchedulerName("default-scheduler");
        pod.setTerminationGracePeriodSeconds(30L);
        pod.setServiceAccount(pod.getServiceAccountName());
        pod.getContainers().forEach(ApiServerDefaults::container);
        pod.getVolumes().forEach(ApiServerDefaults::volume);
        annotate(deployment.getMetadata(), "deployment.kubernetes.io/revision", "1");
        managedBy(deployment.getMetadata(), "est-operator", "kube-controller-manager");
        Deployment stored = client.resource(deployment).update();
        int replicas = spec.getReplicas();
        stored.setStatus(new DeploymentStatusBuilder().withObservedGeneration(stored.getMetadata().getGeneration())
                .withReplicas(replicas).withUpdatedReplicas(replicas).withReadyReplicas(replicas)
                .withAvailableReplicas(replicas)
                .addNewCondition().withType("Available").withStatus("True").withReason("MinimumReplicasAvailable")
                .withMessage("Deployment has minimum availability.").withLastUpdateTime(TIME)
                .withLastTransitionTime(TIME).endCondition()
                .addNewCondition().withType("Progressing").withStatus("True").withReason("NewReplicaSetAvailable")
                .withMessage("ReplicaSet \"" + name + "-5d8c7f9b6d\" has successfully progressed.")
                .withLastUpdateTime(TIME).withLastTransitionTime(TIME).endCondition().build());
        return client.resource(stored).updateStatus();
    }

    /** Rewrites the Service as the API server stores it: a cluster IP allocated, IP family and policies filled in. */
    public static Service service(KubernetesClient client, String namespace, String name) {
        Service service = client.services().inNamespace(namespace).withName(name).get();
        var spec = service.getSpec();
        spec.setClusterIP("10.96.14.201");
        spec.setClusterIPs(List.of("10.96.14.201"));
        spec.setIpFamilies(List.of("IPv4"));
        spec.setIpFamilyPolicy("SingleStack");
        spec.setSessionAffinity("None");
        spec.setInternalTrafficPolicy("Cluster");
        managedBy(service.getMetadata(), "est-operator");
        return client.resource(service).update();
    }

    private static void container(Container container) {
        if (container.getImagePullPolicy() == null) {
            container.setImagePullPolicy(container.getImage().endsWith(":latest") ? "Always" : "IfNotPresent");
        }
        container.setTerminationMessagePath("/dev/termination-log");
        container.setTerminationMessagePolicy("File");
        if (container.getResources() == null) {
            container.setResources(new ResourceRequirements());
        }
        for (ContainerPort port : container.getPorts()) {
            if (port.getProtocol() == null) {
                port.setProtocol("TCP");
            }
        }
        for (Probe probe : new Probe[] {container.getStartupProbe(), container.getReadinessProbe(),
                container.getLivenessProbe()}) {
            if (probe != null) {
                probe.getHttpGet().setScheme("HTTP");
                probe.setSuccessThreshold(1);
                if (probe.getTimeoutSeconds() == null) {
                    probe.setTimeoutSeconds(1);
                }
                if (probe.getPeriodSeconds() == null) {
                    probe.setPeriodSeconds(10);
                }
                if (probe.getFailureThreshold() == null) {
                    probe.setFailureThreshold(3);
                }
            }
        }
    }

    private static void volume(Volume volume) {
        if (volume.getConfigMap() != null && volume.getConfigMap().getDefaultMode() == null) {
            volume.getConfigMap().setDefaultMode(0644);
        }
        if (volume.getSecret() != null && volume.getSecret().getDefaultMode() == null) {
            volume.getSecret().setDefaultMode(0644);
        }
    }

    private static void annotate(io.fabric8.kubernetes.api.model.ObjectMeta metadata, String key, String value) {
        Map<String, String> annotations = metadata.getAnnotations() == null ? new HashMap<>()
                : new HashMap<>(metadata.getAnnotations());
        annotations.put(key, value);
        metadata.setAnnotations(annotations);
    }

    private static void managedBy(io.fabric8.kubernetes.api.model.ObjectMeta metadata, String... managers) {
        metadata.setManagedFields(java.util.Arrays.stream(managers).map(manager -> new ManagedFieldsEntryBuilder()
                .withManager(manager).withOperation("Update").withApiVersion("v1").withTime(TIME)
                .withFieldsType("FieldsV1").build()).toList());
    }
}
