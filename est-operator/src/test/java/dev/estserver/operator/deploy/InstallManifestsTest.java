package dev.estserver.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;

import dev.estserver.operator.api.v1alpha1.DeviceEnrollment;
import dev.estserver.operator.api.v1alpha1.DeviceEnrollmentSpec;
import dev.estserver.operator.api.v1alpha1.EstServer;
import dev.estserver.operator.api.v1alpha1.EstServerSpec;
import dev.estserver.operator.api.v1alpha1.SecretKeyRef;
import dev.estserver.operator.spec.InvalidSpec;
import dev.estserver.operator.spec.SpecDurations;

/**
 * The install manifests ({@code kubectl apply -k deploy/operator}) and the examples under {@code deploy/examples}: the
 * operator gets exactly the permissions it uses, runs hardened, and every example reads into the API types.
 */
class InstallManifestsTest {

    private static final String NAMESPACE = "est-system";
    private static final String SERVICE_ACCOUNT = "est-operator";

    /** Everything the operator does to the Kubernetes API: the specification of its ClusterRole. */
    private static final Set<Grant> NEEDED = Set.copyOf(Stream.of(
            // Primary resources: informers, status; the DeviceEnrollment finalizer (revocation on delete).
            grants("estserver.dev", "estservers", "get", "list", "watch"),
            grants("estserver.dev", "deviceenrollments", "get", "list", "watch", "update", "patch"),
            grants("estserver.dev", "estservers/status", "update", "patch"),
            grants("estserver.dev", "deviceenrollments/status", "update", "patch"),
            // Owner references with blockOwnerDeletion on the owned objects, bootstrap Secrets.
            grants("estserver.dev", "estservers/finalizers", "update"),
            grants("estserver.dev", "deviceenrollments/finalizers", "update"),
            // CA, server TLS, admin token, bootstrap Secrets written; GitOps CA and database Secrets watched.
            grants("", "secrets", "get", "list", "watch", "create", "update", "patch"),
            // Service configuration and CA bundle.
            grants("", "configmaps", "get", "list", "watch", "create", "update", "patch"),
            grants("", "services", "get", "list", "watch", "create", "update", "patch"),
            grants("", "serviceaccounts", "get", "list", "watch", "create", "update", "patch"),
            // A running est-service pod is asked for its readiness.
            grants("", "pods", "list"),
            grants("", "events", "create", "patch"),
            grants("apps", "deployments", "get", "list", "watch", "create", "update", "patch"),
            // Deleted when the spec stops asking for them.
            grants("policy", "poddisruptionbudgets", "get", "list", "watch", "create", "update", "patch", "delete"),
            grants("networking.k8s.io", "ingresses", "get", "list", "watch", "create", "update", "patch", "delete"),
            grants("monitoring.coreos.com", "servicemonitors", "get", "list", "watch", "create", "update", "patch",
                    "delete"),
            // Whether the ServiceMonitor CRD exists, before its informer starts.
            grants("apiextensions.k8s.io", "customresourcedefinitions", "get"))
            .flatMap(List::stream).toList());

    private static Path root;
    private static List<JsonNode> install;

    @BeforeAll
    static void render() {
        root = Manifests.repositoryRoot();
        install = Manifests.kustomize(root.resolve("deploy/operator"));
    }

    @Test
    void clusterRoleGrantsExactlyWhatTheOperatorUses() {
        Set<Grant> granted = granted(clusterRole());

        assertThat(granted).as("missing permissions").containsAll(NEEDED);
        assertThat(granted).as("permissions the operator does not use").isSubsetOf(NEEDED);
    }

    @Test
    void clusterRoleHasNoWildcards() {
        for (PolicyRule rule : clusterRole().getRules()) {
            assertThat(rule.getApiGroups()).doesNotContain("*");
            assertThat(rule.getResources()).noneMatch(r -> r.contains("*"));
            assertThat(rule.getVerbs()).doesNotContain("*");
            assertThat(rule.getResourceNames()).isNullOrEmpty();
            assertThat(rule.getNonResourceURLs()).isNullOrEmpty();
        }
    }

    @Test
    void clusterRoleCoversEveryCommittedCrd() throws IOException {
        Set<Grant> granted = granted(clusterRole());
        for (Path crd : committedCrds()) {
            JsonNode spec = Manifests.only(Manifests.documents(crd), "CustomResourceDefinition").path("spec");
            String group = spec.path("group").asText();
            String plural = spec.path("names").path("plural").asText();
            assertThat(group).as(crd.toString()).isEqualTo(EstServer.GROUP);
            assertThat(granted).as(crd.toString())
                    .containsAll(grants(group, plural, "get", "list", "watch"))
                    .containsAll(grants(group, plural + "/status", "patch"));
        }
    }

    @Test
    void clusterRoleIsBoundToTheOperatorsServiceAccountOnly() {
        ClusterRoleBinding binding = Manifests.strictly(Manifests.only(install, "ClusterRoleBinding"),
                ClusterRoleBinding.class);

        assertThat(binding.getRoleRef().getKind()).isEqualTo("ClusterRole");
        assertThat(binding.getRoleRef().getName()).isEqualTo(clusterRole().getMetadata().getName());
        assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
            assertThat(subject.getKind()).isEqualTo("ServiceAccount");
            assertThat(subject.getName()).isEqualTo(SERVICE_ACCOUNT);
            assertThat(subject.getNamespace()).isEqualTo(NAMESPACE);
        });
        assertThat(Manifests.only(install, "ServiceAccount").path("metadata").path("name").asText())
                .isEqualTo(SERVICE_ACCOUNT);
    }

    @Test
    void installsTheCommittedCrdsAndPutsEveryNamespacedObjectInTheOperatorNamespace() throws IOException {
        assertThat(Manifests.ofKind(install, "CustomResourceDefinition"))
                .extracting(crd -> crd.path("metadata").path("name").asText())
                .containsExactlyInAnyOrder("estservers.estserver.dev", "deviceenrollments.estserver.dev");
        for (Path crd : committedCrds()) {
            assertThat(root.resolve("deploy/operator/crds").resolve(crd.getFileName()))
                    .as("deploy/operator/crds/ is a copy of src-crds/ (make crds writes both)")
                    .hasSameTextualContentAs(crd);
        }
        assertThat(Manifests.only(install, "Namespace").path("metadata").path("name").asText()).isEqualTo(NAMESPACE);
        for (JsonNode object : install) {
            String kind = object.path("kind").asText();
            if (!List.of("Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition")
                    .contains(kind)) {
                assertThat(object.path("metadata").path("namespace").asText()).as(kind).isEqualTo(NAMESPACE);
            }
        }
    }

    /**
     * ScaleIT runs the operator with 10,000 DeviceEnrollments as this Deployment starts it: 640 MiB seen, 40% of it
     * heap.
     */
    @Test
    void operatorMemoryIsWhatScaleItMeasuresItWith() {
        Deployment deployment = Manifests.strictly(Manifests.only(install, "Deployment"), Deployment.class);
        Container operator = deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();

        assertThat(operator.getResources().getLimits().get("memory"))
                .isEqualTo(new io.fabric8.kubernetes.api.model.Quantity("640Mi"));
        assertThat(operator.getEnv()).anySatisfy(env -> {
            assertThat(env.getName()).isEqualTo("JAVA_MAX_MEM_RATIO");
            assertThat(env.getValue()).isEqualTo("40");
        });
        assertThat(operator.getEnv()).anySatisfy(env -> {
            assertThat(env.getName()).isEqualTo("GC_CONTAINER_OPTIONS");
            assertThat(env.getValue()).isEqualTo("-XX:+UseSerialGC");
        });
        assertThat(operator.getEnv()).anySatisfy(env -> {
            assertThat(env.getName()).isEqualTo("JAVA_OPTS_APPEND");
            assertThat(env.getValue()).contains("-XX:+ExitOnOutOfMemoryError",
                    "-Djava.util.logging.manager=org.jboss.logmanager.LogManager");
        });
    }

    @Test
    void operatorRunsHardenedWithHealthProbes() {
        Deployment deployment = Manifests.strictly(Manifests.only(install, "Deployment"), Deployment.class);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();

        assertThat(deployment.getSpec().getReplicas()).as("no leader election: one operator").isEqualTo(1);
        assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("Recreate");
        assertThat(pod.getServiceAccountName()).isEqualTo(SERVICE_ACCOUNT);
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        Container operator = pod.getContainers().getFirst();
        assertThat(pod.getContainers()).hasSize(1);
        assertThat(operator.getImage()).isEqualTo("ghcr.io/estserver/est-operator:0.1.0");
        assertHardened(operator);
        assertThat(operator.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(operator.getResources().getLimits()).containsKey("memory");
        assertThat(mountPaths(operator)).as("writable /tmp under a read-only root").contains("/tmp");
        assertThat(List.of(operator.getStartupProbe(), operator.getLivenessProbe(), operator.getReadinessProbe()))
                .extracting(probe -> probe.getHttpGet().getPath())
                .containsExactly("/q/health/started", "/q/health/live", "/q/health/ready");
        assertThat(operator.getPorts()).anySatisfy(port -> {
            assertThat(port.getContainerPort()).isEqualTo(8080);
            assertThat(port.getName()).isEqualTo(operator.getLivenessProbe().getHttpGet().getPort().getStrVal());
        });
    }

    @Test
    void everyExampleIsOfAKindThatIsChecked() {
        Set<String> checked = Set.of("EstServer", "DeviceEnrollment", "Secret", "Deployment");
        for (Path file : examples()) {
            List<JsonNode> documents = Manifests.documents(file);
            assertThat(documents).as(file.toString()).isNotEmpty();
            assertThat(documents).as(file.toString()).allSatisfy(d -> assertThat(d.path("kind").asText()).isIn(checked));
        }
    }

    @Test
    void estServerExamplesReadIntoTheApiTypes() throws InvalidSpec {
        List<EstServer> servers = typedExamples("EstServer", EstServer.class);
        assertThat(servers).isNotEmpty();
        for (EstServer server : servers) {
            assertThat(server.getApiVersion()).isEqualTo(HasMetadata.getApiVersion(EstServer.class));
            EstServerSpec spec = server.getSpec();
            assertThat(spec.ca().secretRef() == null).as("exactly one CA source").isNotEqualTo(spec.ca().generate() == null);
            assertThat(spec.database().url() == null).as("url or host").isNotEqualTo(spec.database().host() == null);
            if (spec.profiles() != null) {
                for (var profile : spec.profiles().entrySet()) {
                    SpecDurations.parse("spec.profiles." + profile.getKey() + ".validity", profile.getValue().validity(),
                            Duration.ofDays(1));
                }
            }
            if (spec.labels() != null) {
                assertThat(spec.profiles().keySet()).as("labels name profiles").containsAll(spec.labels().values());
            }
        }
    }

    @Test
    void deviceEnrollmentExamplesReadIntoTheApiTypes() throws InvalidSpec {
        List<DeviceEnrollment> enrollments = typedExamples("DeviceEnrollment", DeviceEnrollment.class);
        assertThat(enrollments).isNotEmpty();
        for (DeviceEnrollment enrollment : enrollments) {
            assertThat(enrollment.getApiVersion()).isEqualTo(HasMetadata.getApiVersion(DeviceEnrollment.class));
            DeviceEnrollmentSpec spec = enrollment.getSpec();
            Duration duration = SpecDurations.parse("spec.duration", spec.duration(), Duration.ofDays(365));
            Duration renewBefore = SpecDurations.parse("spec.renewBefore", spec.renewBefore(), duration.dividedBy(3));
            assertThat(renewBefore).isLessThan(duration);
        }
    }

    @Test
    void aMisspelledSpecFieldIsRefused() {
        ObjectNode server = (ObjectNode) Manifests.documents(root.resolve("deploy/examples/estserver-gitops.yaml"))
                .getFirst().deepCopy();
        ((ObjectNode) server.path("spec")).put("replica", 3);

        assertThatThrownBy(() -> Manifests.strictly(server, EstServer.class)).hasMessageContaining("replica");
    }

    @Test
    void estServerExampleNamesTheExampleSecrets() {
        EstServer server = typedExamples("EstServer", EstServer.class).getFirst();
        Map<String, Secret> secrets = new HashMap<>();
        typedExamples("Secret", Secret.class).forEach(s -> secrets.put(s.getMetadata().getName(), s));

        Secret ca = secrets.get(server.getSpec().ca().secretRef().name());
        assertThat(ca).as("the CA Secret example").isNotNull();
        assertThat(ca.getType()).isEqualTo("kubernetes.io/tls");
        assertThat(ca.getStringData()).containsKeys("tls.crt", "tls.key");
        for (SecretKeyRef ref : List.of(server.getSpec().database().usernameSecret(),
                server.getSpec().database().passwordSecret())) {
            assertThat(secrets.get(ref.name())).as(ref.name()).isNotNull();
            assertThat(secrets.get(ref.name()).getStringData()).containsKey(ref.key());
        }
        assertThat(secrets.values()).allSatisfy(s -> assertThat(s.getMetadata().getNamespace())
                .isEqualTo(server.getMetadata().getNamespace()));
    }

    @Test
    void deviceEnrollmentExampleUsesALabelOfTheServerFromANamespaceItAllows() {
        EstServer server = typedExamples("EstServer", EstServer.class).getFirst();
        DeviceEnrollment enrollment = typedExamples("DeviceEnrollment", DeviceEnrollment.class).getFirst();

        assertThat(enrollment.getSpec().serverRef().name()).isEqualTo(server.getMetadata().getName());
        assertThat(enrollment.getSpec().serverRef().namespace()).isEqualTo(server.getMetadata().getNamespace());
        assertThat(server.getSpec().labels()).containsKey(enrollment.getSpec().label());
        assertThat(server.getSpec().enrollment().allowedNamespaces()).contains(enrollment.getMetadata().getNamespace());
    }

    @Test
    void workloadEnrollsFromAnInitContainerWithTheBootstrapSecretOfTheDeviceEnrollment() throws InvalidSpec {
        DeviceEnrollment enrollment = typedExamples("DeviceEnrollment", DeviceEnrollment.class).getFirst();
        Deployment workload = typedExamples("Deployment", Deployment.class).getFirst();
        PodSpec pod = workload.getSpec().getTemplate().getSpec();
        Volume bootstrap = volume(pod, v -> v.getSecret() != null);
        Volume out = volume(pod, v -> v.getEmptyDir() != null);

        assertThat(workload.getMetadata().getNamespace()).isEqualTo(enrollment.getMetadata().getNamespace());
        assertThat(bootstrap.getSecret().getSecretName()).isEqualTo(enrollment.getMetadata().getName() + "-est-bootstrap");
        assertThat(out.getEmptyDir().getMedium()).as("keys stay in memory").isEqualTo("Memory");
        Container enroll = pod.getInitContainers().getFirst();
        assertThat(enroll.getImage()).isEqualTo("ghcr.io/estserver/est-enroll:0.1.0");
        assertThat(enroll.getArgs()).as("enroll is the default command").isNullOrEmpty();
        Duration renewBefore = SpecDurations.parse("spec.renewBefore", enrollment.getSpec().renewBefore(), null);
        List<Container> clients = new ArrayList<>(List.of(enroll));
        pod.getContainers().stream().filter(c -> c.getImage().equals(enroll.getImage())).forEach(clients::add);
        assertThat(clients).as("init container and renewal sidecar").hasSize(2);
        for (Container client : clients) {
            assertHardened(client);
            assertThat(env(client, "EST_BOOTSTRAP_DIR")).isEqualTo(mountPath(client, bootstrap));
            assertThat(env(client, "EST_OUT_DIR")).isEqualTo(mountPath(client, out));
            assertThat(env(client, "EST_RENEW_BEFORE")).isEqualTo(Long.toString(renewBefore.toSeconds()));
        }
        assertThat(clients.get(1).getArgs()).containsExactly("renew", "--loop", "3600");
        Container app = pod.getContainers().stream().filter(c -> !clients.contains(c)).findFirst().orElseThrow();
        assertThat(app.getVolumeMounts()).as("the application sees the certificate, not the bootstrap credential")
                .singleElement().satisfies(m -> {
                    assertThat(m.getName()).isEqualTo(out.getName());
                    assertThat(m.getReadOnly()).isTrue();
                });
        assertThat(pod.getSecurityContext().getRunAsUser()).as("the client's UID, owner of tls.key").isEqualTo(10001L);
    }

    private static ClusterRole clusterRole() {
        return Manifests.strictly(Manifests.only(install, "ClusterRole"), ClusterRole.class);
    }

    private record Grant(String apiGroup, String resource, String verb) {
    }

    private static List<Grant> grants(String apiGroup, String resource, String... verbs) {
        return Stream.of(verbs).map(verb -> new Grant(apiGroup, resource, verb)).toList();
    }

    private static Set<Grant> granted(ClusterRole role) {
        Set<Grant> granted = new HashSet<>();
        for (PolicyRule rule : role.getRules()) {
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    for (String verb : rule.getVerbs()) {
                        granted.add(new Grant(group, resource, verb));
                    }
                }
            }
        }
        return granted;
    }

    private static void assertHardened(Container container) {
        SecurityContext security = container.getSecurityContext();
        assertThat(security).as(container.getName()).isNotNull();
        assertThat(security.getAllowPrivilegeEscalation()).as(container.getName()).isFalse();
        assertThat(security.getReadOnlyRootFilesystem()).as(container.getName()).isTrue();
        assertThat(security.getCapabilities().getDrop()).as(container.getName()).containsExactly("ALL");
        assertThat(security.getCapabilities().getAdd()).as(container.getName()).isNullOrEmpty();
        assertThat(security.getPrivileged()).as(container.getName()).isNotEqualTo(Boolean.TRUE);
    }

    private static List<Path> committedCrds() throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("src-crds"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yml")).sorted().toList();
        }
    }

    private static List<Path> examples() {
        try (Stream<Path> files = Files.list(root.resolve("deploy/examples"))) {
            List<Path> yaml = files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
            assertThat(yaml).isNotEmpty();
            return yaml;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> List<T> typedExamples(String kind, Class<T> type) {
        return examples().stream().flatMap(f -> Manifests.ofKind(Manifests.documents(f), kind).stream())
                .map(document -> Manifests.strictly(document, type)).toList();
    }

    private static Volume volume(PodSpec pod, Predicate<Volume> which) {
        return pod.getVolumes().stream().filter(which).findFirst().orElseThrow();
    }

    private static String mountPath(Container container, Volume volume) {
        return container.getVolumeMounts().stream().filter(m -> m.getName().equals(volume.getName()))
                .map(VolumeMount::getMountPath).findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " does not mount " + volume.getName()));
    }

    private static List<String> mountPaths(Container container) {
        return container.getVolumeMounts().stream().map(VolumeMount::getMountPath).toList();
    }

    private static String env(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue).findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " has no " + name));
    }
}
