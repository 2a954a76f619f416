package dev.estserver.operator.estserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.javaoperatorsdk.operator.processing.dependent.workflow.CRDPresentActivationCondition;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

import dev.estserver.operator.api.v1alpha1.EstServer;
import dev.estserver.operator.api.v1alpha1.EstServerSpec.CaSpec;
import dev.estserver.operator.api.v1alpha1.EstServerSpec.GenerateCaSpec;
import dev.estserver.operator.api.v1alpha1.EstServerSpec.IngressSpec;
import dev.estserver.operator.api.v1alpha1.EstServerSpec.ServiceMonitorSpec;
import dev.estserver.operator.api.v1alpha1.EstServerSpec;
import dev.estserver.operator.api.v1alpha1.LocalObjectRef;
import dev.estserver.operator.kube.SecretData;
import dev.estserver.operator.pki.Pem;
import dev.estserver.operator.service.HealthReport;
import dev.estserver.operator.status.ConditionType;
import dev.estserver.operator.status.Reason;
import dev.estserver.operator.status.StatusConditions;
import dev.estserver.operator.support.ApiServerDefaults;
import dev.estserver.operator.support.FakeServiceReadiness;
import dev.estserver.operator.support.TestEstServers;

@QuarkusTest
@WithKubernetesTestServer(crud = true)
class EstServerReconcilerTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    /** est-operator.resync-interval of the tests. */
    private static final Duration RESYNC = Duration.ofSeconds(2);

    @Inject
    KubernetesClient client;

    @Inject
    FakeServiceReadiness readiness;

    @KubernetesTestServer
    KubernetesServer mockServer;

    private String namespace;

    @BeforeEach
    void namespacePerTest() {
        namespace = "t-" + UUID.randomUUID().toString().substring(0, 8);
        client.resource(TestEstServers.databaseSecret(namespace, "first-password")).create();
    }

    @AfterEach
    void resetFakes() {
        readiness.reset();
    }

    @Test
    void createsEveryOwnedObjectWithOwnerReferencesAndTheRenderedConfiguration() {
        EstServer server = apply("est", TestEstServers.generatedCa());

        Deployment deployment = await().atMost(WAIT).until(() -> get(Deployment.class, "est"), d -> d != null);
        ServiceAccount account = get(ServiceAccount.class, "est");
        ConfigMap config = get(ConfigMap.class, "est-config");
        ConfigMap bundle = get(ConfigMap.class, "est-ca-bundle");
        Service service = get(Service.class, "est");
        Secret tls = get(Secret.class, "est-tls");
        Secret token = get(Secret.class, "est-admin-token");
        for (HasMetadata owned : List.of(deployment, account, config, bundle, service, tls, token)) {
            assertThat(owned.getMetadata().getOwnerReferences()).as(owned.getKind() + " owner")
                    .singleElement().satisfies(ref -> {
                        assertThat(ref.getUid()).isEqualTo(server.getMetadata().getUid());
                        assertThat(ref.getKind()).isEqualTo("EstServer");
                        assertThat(ref.getController()).isTrue();
                    });
        }
        Secret ca = get(Secret.class, "est-ca");
        assertThat(ca.getMetadata().getOwnerReferences()).as("the generated CA outlives the EstServer").isEmpty();
        X509Certificate caCertificate = Pem.certificates(SecretData.text(ca, "tls.crt").orElseThrow()).getFirst();

        String properties = config.getData().get("application.properties");
        assertThat(properties).contains("quarkus.datasource.jdbc.url=jdbc:postgresql://postgres.db:5432/est",
                "est.ca.cert-file=/etc/est/ca/tls.crt", "est.tls.key-file=/etc/est/tls/tls.key",
                "est.admin.tokens.operator=${EST_OPERATOR_ADMIN_TOKEN}", "est.labels.iot=iot",
                "est.profiles.iot.validity=PT720H", "est.profiles.iot.allowed-keys=ec-p256",
                "est.profiles.iot.subject.required=CN",
                "est.revocation.base-url=https://est." + namespace + ".svc.cluster.local:8443")
                .doesNotContain("first-password");
        assertThat(Pem.certificates(bundle.getData().get("ca.crt"))).containsExactly(caCertificate);

        X509Certificate serverCertificate = Pem.certificates(SecretData.text(tls, "tls.crt").orElseThrow()).getFirst();
        assertThat(serverCertificate.getIssuerX500Principal()).isEqualTo(caCertificate.getSubjectX500Principal());
        assertThat(SubjectNames.of(serverCertificate)).contains("est." + namespace + ".svc.cluster.local",
                "est." + namespace + ".svc", "est");

        var pod = deployment.getSpec().getTemplate().getSpec();
        var container = pod.getContainers().getFirst();
        assertThat(container.getImage()).isEqualTo("registry.example/est-service:test");
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
        assertThat(container.getEnv()).extracting(EnvVar::getName).containsExactlyInAnyOrder(
                "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD", "EST_OPERATOR_ADMIN_TOKEN");
        assertThat(container.getEnv()).allSatisfy(env -> assertThat(env.getValue()).as("no secret inline").isNull());
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
        assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/q/health/started");
        assertThat(container.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("management");
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(pod.getServiceAccountName()).isEqualTo("est");
        assertThat(pod.getVolumes()).extracting(v -> v.getSecret() == null ? null : v.getSecret().getSecretName())
                .contains("est-ca", "est-tls");
        assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsKey(DeploymentDependent.HASH_ANNOTATION);
        assertThat(service.getSpec().getPorts()).extracting(p -> p.getName() + ":" + p.getPort())
                .containsExactlyInAnyOrder("https:8443", "management:9000");
        assertThat(get(PodDisruptionBudget.class, "est")).as("no PDB for one replica").isNull();
        assertThat(get(Ingress.class, "est")).as("no Ingress unless asked").isNull();
    }

    @Test
    void addsPodDisruptionBudgetAndPassthroughIngressOnlyWhileTheSpecAsksForThem() {
        EstServerSpec base = TestEstServers.generatedCa();
        apply("ha", withReplicasAndIngress(base, 3, new IngressSpec("est.example.com", "nginx", null)));

        PodDisruptionBudget pdb = await().atMost(WAIT).until(() -> get(PodDisruptionBudget.class, "ha"),
                p -> p != null);
        assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
        Ingress ingress = await().atMost(WAIT).until(() -> get(Ingress.class, "ha"), i -> i != null);
        assertThat(ingress.getMetadata().getAnnotations()).containsEntry(IngressDependent.PASSTHROUGH, "true");
        assertThat(ingress.getSpec().getRules().getFirst().getHost()).isEqualTo("est.example.com");
        assertThat(get(Deployment.class, "ha").getSpec().getReplicas()).isEqualTo(3);
        await().atMost(WAIT).untilAsserted(() -> assertThat(SubjectNames.of(Pem.certificates(SecretData.text(
                get(Secret.class, "ha-tls"), "tls.crt").orElseThrow()).getFirst())).contains("est.example.com"));

        apply("ha", withReplicasAndIngress(base, 1, null));

        await().atMost(WAIT).until(() -> get(PodDisruptionBudget.class, "ha") == null
                && get(Ingress.class, "ha") == null);
    }

    @Test
    void managesAServiceMonitorOnlyWhereItsCrdExistsAndWhileTheSpecAsksForIt() {
        CRDPresentActivationCondition.clearState();
        EstServerSpec base = TestEstServers.generatedCa();
        EstServer asked = apply("mon", withServiceMonitor(base, new ServiceMonitorSpec(Map.of("release", "prom"),
                "30s")));
        await().atMost(WAIT).until(() -> client.resource(asked).get().getStatus(), status -> status != null
                && status.observedGeneration() != null
                && status.observedGeneration().equals(asked.getMetadata().getGeneration()));
        assertThat(serviceMonitor("mon")).as("no ServiceMonitor without its CRD in the cluster").isNull();

        client.apiextensions().v1().customResourceDefinitions().resource(new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName("servicemonitors.monitoring.coreos.com").endMetadata()
                .withNewSpec().withGroup("monitoring.coreos.com").withScope("Namespaced")
                .withNewNames().withKind("ServiceMonitor").withPlural("servicemonitors").endNames()
                .addNewVersion().withName("v1").withServed(true).withStorage(true).endVersion().endSpec().build())
                .createOr(existing -> existing.update());
        CRDPresentActivationCondition.clearState();
        apply("mon", withServiceMonitor(base, new ServiceMonitorSpec(Map.of("release", "prom"), "15s")));

        ServiceMonitor monitor = await().atMost(WAIT).until(() -> serviceMonitor("mon"), m -> m != null
                && "15s".equals(m.getSpec().getEndpoints().getFirst().getInterval()));
        assertThat(monitor.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(ref -> assertThat(ref.getKind()).isEqualTo("EstServer"));
        assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prom")
                .containsEntry(ServiceMonitorDependent.JOB_LABEL, ServiceMonitorDependent.JOB);
        assertThat(monitor.getSpec().getJobLabel()).isEqualTo(ServiceMonitorDependent.JOB_LABEL);
        assertThat(get(Service.class, "mon").getMetadata().getLabels())
                .as("the job is named by the Service's label").containsEntry(ServiceMonitorDependent.JOB_LABEL,
                        ServiceMonitorDependent.JOB)
                .containsAllEntriesOf(monitor.getSpec().getSelector().getMatchLabels());
        assertThat(monitor.getSpec().getEndpoints()).singleElement().satisfies(endpoint -> {
            assertThat(endpoint.getPort()).isEqualTo("management");
            assertThat(endpoint.getPath()).isEqualTo("/q/metrics");
            assertThat(endpoint.getInterval()).isEqualTo("15s");
        });

        apply("mon", withServiceMonitor(base, null));
        await().atMost(WAIT).until(() -> serviceMonitor("mon") == null);
    }

    @Test
    void becomesReadyWhenTheDeploymentIsAvailableAndTheDatabaseCheckPasses() {
        apply("est", TestEstServers.generatedCa());
        EstServer starting = awaitCondition("est", ConditionType.READY, "False", Reason.PODS_STARTING);
        Condition caReady = condition(starting, ConditionType.CA_READY);
        assertThat(caReady.getStatus()).isEqualTo("True");
        assertThat(caReady.getReason()).isEqualTo(Reason.CA_GENERATED);

        markAvailable("est", 1);

        EstServer ready = awaitCondition("est", ConditionType.READY, "True", Reason.DEPLOYMENT_AVAILABLE);
        assertThat(condition(ready, ConditionType.DATABASE_READY).getStatus()).isEqualTo("True");
        assertThat(condition(ready, ConditionType.DEGRADED).getStatus()).isEqualTo("False");
        assertThat(condition(ready, ConditionType.CA_READY).getLastTransitionTime())
                .as("unchanged conditions keep their transition time").isEqualTo(caReady.getLastTransitionTime());
        assertThat(ready.getStatus().readyReplicas()).isEqualTo(1);
        assertThat(ready.getStatus().endpoint())
                .isEqualTo("https://est." + namespace + ".svc.cluster.local:8443/.well-known/est");
        X509Certificate ca = Pem.certificates(SecretData.text(get(Secret.class, "est-ca"), "tls.crt").orElseThrow())
                .getFirst();
        assertThat(ready.getStatus().caSerial()).isEqualToIgnoringCase(ca.getSerialNumber().toString(16));
        assertThat(ready.getStatus().caNotAfter()).isEqualTo(ca.getNotAfter().toInstant().toString());
        assertThat(ready.getStatus().observedGeneration()).isEqualTo(ready.getMetadata().getGeneration());
        assertThat(ready.getStatus().conditions()).allSatisfy(c -> assertThat(c.getObservedGeneration())
                .isEqualTo(ready.getMetadata().getGeneration()));
    }

    @Test
    void reportsTheDatabaseWhenTheServiceSaysItIsDown() {
        readiness.answer(new HealthReport(true, false, "down: Database connections health check {}"));
        apply("est", TestEstServers.generatedCa());
        markAvailable("est", 1);

        EstServer server = awaitCondition("est", ConditionType.DATABASE_READY, "False", Reason.DATABASE_UNREACHABLE);
        assertThat(condition(server, ConditionType.READY).getStatus()).isEqualTo("False");
        assertThat(condition(server, ConditionType.DEGRADED).getStatus()).isEqualTo("True");
        assertThat(condition(server, ConditionType.DATABASE_READY).getMessage()).contains("Database connections");
    }

    @Test
    void rollsThePodsWhenTheCaSecretOrTheDatabasePasswordRotates() {
        client.resource(TestEstServers.caSecret(namespace, "gitops-ca", "First CA")).create();
        apply("est", TestEstServers.gitOpsCa("gitops-ca"));
        String first = await().atMost(WAIT).until(() -> podTemplateHash("est"), h -> h != null);

        client.resource(TestEstServers.caSecret(namespace, "gitops-ca", "Second CA")).update();

        String second = await().atMost(WAIT).until(() -> podTemplateHash("est"), h -> h != null && !h.equals(first));
        await().atMost(WAIT).untilAsserted(() -> assertThat(get(ConfigMap.class, "est-ca-bundle").getData()
                .get("ca.crt")).satisfies(pem -> assertThat(Pem.certificates(pem).getFirst()
                        .getSubjectX500Principal().getName()).isEqualTo("CN=Second CA")));
        await().atMost(WAIT).untilAsserted(() -> assertThat(Pem.certificates(SecretData.text(
                get(Secret.class, "est-tls"), "tls.crt").orElseThrow()).getFirst().getIssuerX500Principal()
                .getName()).as("the server certificate is issued again by the new CA").isEqualTo("CN=Second CA"));

        client.resource(TestEstServers.databaseSecret(namespace, "second-password")).update();

        await().atMost(WAIT).until(() -> podTemplateHash("est"), h -> h != null && !h.equals(second));
    }

    @Test
    void rotatesAGeneratedCaWithinRenewBeforeAndPublishesThePreviousOne() {
        Secret endingSoon = TestEstServers.caSecret(namespace, "rot-ca", "Old CA", Duration.ofDays(10));
        client.resource(endingSoon).create();
        X509Certificate old = caCertificate(endingSoon);

        apply("rot", TestEstServers.generatedCa());

        Secret rotated = await().atMost(WAIT).until(() -> get(Secret.class, "rot-ca"),
                s -> !caCertificate(s).equals(old));
        X509Certificate current = caCertificate(rotated);
        assertThat(current.getSubjectX500Principal().getName()).isEqualTo("CN=rot EST CA");
        assertThat(current.getNotAfter().toInstant()).as("the spec's 8760h, well past renewBefore (90 days)")
                .isAfter(java.time.Instant.now().plus(Duration.ofDays(300)));
        assertThat(Pem.certificates(SecretData.text(rotated, CaMaterial.PREVIOUS_KEY).orElseThrow()))
                .containsExactly(old);

        ConfigMap config = await().atMost(WAIT).until(() -> get(ConfigMap.class, "rot-config"), c -> c != null);
        assertThat(config.getData().get("application.properties"))
                .contains("est.ca.rollover-cert-files=/etc/est/ca/ca-previous.crt");
        assertThat(Pem.certificates(get(ConfigMap.class, "rot-ca-bundle").getData().get("ca.crt")))
                .containsExactlyInAnyOrder(current, old);
        await().atMost(WAIT).untilAsserted(() -> assertThat(Pem.certificates(SecretData.text(
                get(Secret.class, "rot-tls"), "tls.crt").orElseThrow()).getFirst()).satisfies(tls -> {
                    assertThat(tls.getIssuerX500Principal()).isEqualTo(current.getSubjectX500Principal());
                    tls.verify(current.getPublicKey());
                }));
        assertThat(caCertificate(get(Secret.class, "rot-ca"))).as("rotated once, then kept").isEqualTo(current);
    }

    @Test
    void replacesAnExpiredGeneratedCaInsteadOfStayingStuck() {
        Secret expired = TestEstServers.caSecret(namespace, "late-ca", "Expired CA", Duration.ofMinutes(-1));
        client.resource(expired).create();

        apply("late", TestEstServers.generatedCa());

        EstServer server = awaitCondition("late", ConditionType.CA_READY, "True", Reason.CA_GENERATED);
        X509Certificate current = caCertificate(get(Secret.class, "late-ca"));
        assertThat(current).isNotEqualTo(caCertificate(expired));
        assertThat(server.getStatus().caNotAfter()).isEqualTo(current.getNotAfter().toInstant().toString());
    }

    @Test
    void reportsAnExpiredGitOpsCaNamingTheField() {
        client.resource(TestEstServers.caSecret(namespace, "old-ca", "Expired CA", Duration.ofMinutes(-1))).create();

        apply("est", TestEstServers.gitOpsCa("old-ca"));

        EstServer server = awaitCondition("est", ConditionType.CA_READY, "False", Reason.CA_EXPIRED);
        assertThat(condition(server, ConditionType.CA_READY).getMessage())
                .startsWith("spec.ca.secretRef: the CA certificate in Secret 'old-ca' ended at");
    }

    @Test
    void refusesBothCaSourcesWithAConditionNamingTheField() {
        apply("both", TestEstServers.spec(new CaSpec(new LocalObjectRef("gitops-ca"),
                new GenerateCaSpec(null, null, null, null)), 1));

        EstServer server = awaitCondition("both", ConditionType.READY, "False", Reason.CA_SOURCE_CONFLICT);
        assertThat(condition(server, ConditionType.CA_READY).getMessage()).contains("spec.ca", "both");
        assertThat(condition(server, ConditionType.DEGRADED).getStatus()).isEqualTo("True");
        assertThat(get(Deployment.class, "both")).as("nothing rendered from an invalid spec").isNull();
    }

    @Test
    void reportsAMissingCaSecretByName() {
        apply("missing", TestEstServers.gitOpsCa("not-there"));

        EstServer server = awaitCondition("missing", ConditionType.CA_READY, "False", Reason.SECRET_NOT_FOUND);
        assertThat(condition(server, ConditionType.CA_READY).getMessage())
                .isEqualTo("spec.ca.secretRef: Secret 'not-there' does not exist");
        assertThat(get(Deployment.class, "missing")).isNull();
    }

    @Test
    void reportsABadDurationNamingTheField() {
        apply("bad", TestEstServers.spec(new CaSpec(null, new GenerateCaSpec(null, "ten years", null, null)), 1));

        EstServer server = awaitCondition("bad", ConditionType.READY, "False", Reason.INVALID_DURATION);
        assertThat(condition(server, ConditionType.READY).getMessage())
                .contains("spec.ca.generate.validity", "'ten years'");
    }

    @Test
    void reportsAMissingDatabaseSecretKey() {
        client.secrets().inNamespace(namespace).withName(TestEstServers.DATABASE_SECRET).delete();
        apply("nodb", TestEstServers.generatedCa());

        EstServer server = awaitCondition("nodb", ConditionType.READY, "False", Reason.SECRET_NOT_FOUND);
        assertThat(condition(server, ConditionType.DEGRADED).getMessage())
                .contains("spec.database.usernameSecret", "est-db");
    }

    @Test
    void aResyncOfAnUnchangedServerWritesNothingAndReadsNoSecretFromTheApiServer() throws Exception {
        apply("quiet", TestEstServers.generatedCa());
        await().atMost(WAIT).until(() -> get(Deployment.class, "quiet") != null && get(Service.class, "quiet") != null);
        ApiServerDefaults.deployment(client, namespace, "quiet");
        ApiServerDefaults.service(client, namespace, "quiet");
        awaitCondition("quiet", ConditionType.READY, "True", Reason.DEPLOYMENT_AVAILABLE);
        Thread.sleep(RESYNC.toMillis());
        drainRecordedRequests();
        String version = get(Deployment.class, "quiet").getMetadata().getResourceVersion();

        Thread.sleep(RESYNC.multipliedBy(3).toMillis());

        List<String> seen = recordedRequestsIn(namespace);
        assertThat(seen).as("writes during three resyncs").noneMatch(r -> !r.startsWith("GET "));
        assertThat(seen).as("Secrets read from the API server").noneMatch(r -> r.contains("/secrets"));
        assertThat(get(Deployment.class, "quiet").getMetadata().getResourceVersion()).isEqualTo(version);
    }

    @Test
    void recordsEventsWhenTheCaIsGeneratedAndTheServerCertificateIssuedAndWhenItDegrades() {
        apply("chatty", TestEstServers.generatedCa());
        await().atMost(WAIT).until(() -> get(Deployment.class, "chatty") != null);
        markAvailable("chatty", 1);
        awaitCondition("chatty", ConditionType.READY, "True", Reason.DEPLOYMENT_AVAILABLE);

        readiness.answer(new HealthReport(true, false, "down: Database connections health check"));
        awaitCondition("chatty", ConditionType.DEGRADED, "True", Reason.DATABASE_UNREACHABLE);

        await().atMost(WAIT).untilAsserted(() -> assertThat(client.v1().events().inNamespace(namespace).list()
                .getItems()).filteredOn(e -> "chatty".equals(e.getInvolvedObject().getName()))
                .extracting(e -> e.getType() + " " + e.getReason())
                .contains("Normal " + Reason.CA_GENERATED, "Normal ServerCertificateIssued",
                        "Normal " + Reason.DEPLOYMENT_AVAILABLE, "Warning " + Reason.DATABASE_UNREACHABLE));
    }

    @Test
    void aStalledRolloutIsDegraded() {
        apply("stalled", TestEstServers.generatedCa());
        Deployment deployment = await().atMost(WAIT).until(() -> get(Deployment.class, "stalled"), d -> d != null);
        deployment.setStatus(new DeploymentStatusBuilder().withReplicas(1).withReadyReplicas(0)
                .addNewCondition().withType("Progressing").withStatus("False").withReason("ProgressDeadlineExceeded")
                .withMessage("ReplicaSet \"stalled-6b9f\" has timed out progressing.").endCondition().build());
        client.resource(deployment).updateStatus();

        EstServer server = awaitCondition("stalled", ConditionType.DEGRADED, "True", "ProgressDeadlineExceeded");
        assertThat(condition(server, ConditionType.DEGRADED).getMessage()).contains("timed out progressing");
        assertThat(condition(server, ConditionType.READY).getReason()).isEqualTo(Reason.PODS_STARTING);
    }

    private void drainRecordedRequests() throws InterruptedException {
        while (mockServer.getKubernetesMockServer().takeRequest(100, TimeUnit.MILLISECONDS) != null) {
            // older requests, of any test
        }
    }

    /** "METHOD path" of every request recorded since the last drain that concerns that namespace. */
    private List<String> recordedRequestsIn(String namespace) throws InterruptedException {
        List<String> requests = new java.util.ArrayList<>();
        RecordedRequest request;
        while ((request = mockServer.getKubernetesMockServer().takeRequest(100, TimeUnit.MILLISECONDS)) != null) {
            if (request.getPath().contains("/namespaces/" + namespace + "/")) {
                requests.add(request.getMethod() + " " + request.getPath());
            }
        }
        return requests;
    }

    private static EstServerSpec withReplicasAndIngress(EstServerSpec s, int replicas, IngressSpec ingress) {
        return new EstServerSpec(s.image(), replicas, s.resources(), s.ca(), s.tls(), s.database(), s.profiles(),
                s.labels(), s.enrollment(), ingress, s.serviceMonitor());
    }

    private static EstServerSpec withServiceMonitor(EstServerSpec s, ServiceMonitorSpec monitor) {
        return new EstServerSpec(s.image(), s.replicas(), s.resources(), s.ca(), s.tls(), s.database(), s.profiles(),
                s.labels(), s.enrollment(), s.ingress(), monitor);
    }

    private ServiceMonitor serviceMonitor(String name) {
        return client.resources(ServiceMonitor.class).inNamespace(namespace).withName(name).get();
    }

    private EstServer apply(String name, EstServerSpec spec) {
        EstServer existing = client.resources(EstServer.class).inNamespace(namespace).withName(name).get();
        if (existing == null) {
            return client.resource(TestEstServers.withSpec(namespace, name, spec)).create();
        }
        existing.setSpec(spec);
        return client.resource(existing).update();
    }

    private void markAvailable(String name, int ready) {
        Deployment deployment = await().atMost(WAIT).until(() -> get(Deployment.class, name), d -> d != null);
        deployment.setStatus(new DeploymentStatusBuilder().withReplicas(ready).withReadyReplicas(ready)
                .withAvailableReplicas(ready).addNewCondition().withType("Available").withStatus("True").endCondition()
                .build());
        client.resource(deployment).updateStatus();
    }

    private String podTemplateHash(String name) {
        Deployment deployment = get(Deployment.class, name);
        return deployment == null ? null : deployment.getSpec().getTemplate().getMetadata().getAnnotations()
                .get(DeploymentDependent.HASH_ANNOTATION);
    }

    private EstServer awaitCondition(String name, String type, String status, String reason) {
        return await().atMost(WAIT).until(() -> client.resources(EstServer.class).inNamespace(namespace)
                .withName(name).get(), s -> s != null && s.getStatus() != null
                        && StatusConditions.find(s.getStatus().conditions(), type)
                                .filter(c -> c.getStatus().equals(status) && c.getReason().equals(reason))
                                .isPresent());
    }

    private static Condition condition(EstServer server, String type) {
        return StatusConditions.find(server.getStatus().conditions(), type).orElseThrow();
    }

    private static X509Certificate caCertificate(Secret secret) {
        return Pem.certificates(SecretData.text(secret, CaMaterial.CERT_KEY).orElseThrow()).getFirst();
    }

    private <T extends HasMetadata> T get(Class<T> type, String name) {
        return client.resources(type).inNamespace(namespace).withName(name).get();
    }

    /** DNS names of a certificate. */
    private static final class SubjectNames {
        static List<String> of(X509Certificate certificate) {
            try {
                return certificate.getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1))).toList();
            } catch (java.security.cert.CertificateParsingException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
