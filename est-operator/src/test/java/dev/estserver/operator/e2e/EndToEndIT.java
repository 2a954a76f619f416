package dev.estserver.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;

import dev.estserver.operator.api.v1alpha1.DeviceEnrollment;
import dev.estserver.operator.api.v1alpha1.EstServer;
import dev.estserver.operator.kube.SecretData;
import dev.estserver.operator.status.ConditionType;
import dev.estserver.operator.status.StatusConditions;

/**
 * {@code make e2e}: everything but a real cluster on one machine. The Fabric8 mock API server stands in for
 * Kubernetes (it has no controllers, so the test plays the Deployment controller); the packaged operator and
 * est-service run as processes; PostgreSQL is real; the pod's init container is the real shell script. The service
 * runs from exactly the ConfigMap the operator rendered and the Secrets it reads; only the mount paths of those
 * Secrets and the ports are moved from the pod's layout to this machine's, through the environment.
 */
class EndToEndIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String NAMESPACE = "pki";
    private static final String DATABASE = System.getenv().getOrDefault("EST_E2E_DATABASE", "est_e2e");
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final List<AutoCloseable> running = new ArrayList<>();
    private Path work;
    private KubernetesClient kube;

    @BeforeEach
    void cleanSlate() throws Exception {
        work = ROOT.resolve("est-operator/target/e2e");
        if (Files.exists(work)) {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(work);
        Command.run(work, Map.of("PGPASSWORD", "est"), "psql", "-h", "localhost", "-U", "est", "-d", DATABASE,
                "-qc", "drop schema public cascade; create schema public").ok();
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (AutoCloseable process : running.reversed()) {
            process.close();
        }
    }

    @Test
    void aPodEnrollsThroughTheOperatorAnotherNamespaceCannotTakeItsDeviceAndGitOpsReCreationEnrollsAgain()
            throws Exception {
        MockApiServer api = MockApiServer.withCrds(ROOT);
        running.add(api);
        kube = api.client();
        int https = freePort();
        int management = freePort();

        Path pki = Files.createDirectories(work.resolve("gitops"));
        makeGitOpsPki(pki);
        kube.resource(secret("e2e-ca", Map.of("tls.crt", read(pki, "ca.crt"), "tls.key", read(pki, "ca.key"))))
                .create();
        kube.resource(secret("e2e-tls", Map.of("tls.crt", read(pki, "tls.crt") + read(pki, "ca.crt"),
                "tls.key", read(pki, "tls.key"), "ca.crt", read(pki, "ca.crt")))).create();
        kube.resource(secret("est-db", Map.of("username", "est", "password", "est"))).create();
        kube.resource(Serialization.unmarshal("""
                apiVersion: estserver.dev/v1alpha1
                kind: EstServer
                metadata: {name: est, namespace: %s}
                spec:
                  ca: {secretRef: {name: e2e-ca}}
                  tls: {secretRef: {name: e2e-tls}}
                  database:
                    url: jdbc:postgresql://localhost:5432/%s
                    usernameSecret: {name: est-db, key: username}
                    passwordSecret: {name: est-db, key: password}
                  profiles:
                    iot: {validity: 720h, allowedKeys: [ec-p256, ec-p384], properties: {subject.required: CN}}
                  labels: {iot: iot}
                  enrollment: {allowedNamespaces: [%s, apps]}
                """.formatted(NAMESPACE, DATABASE, NAMESPACE), EstServer.class)).create();

        running.add(JarProcess.start("est-operator", ROOT.resolve("est-operator/target/quarkus-app/quarkus-run.jar"),
                work, Map.of(), List.of(
                        "-Dquarkus.kubernetes-client.api-server-url=" + api.url(),
                        "-Dquarkus.kubernetes-client.trust-certs=true",
                        "-Dquarkus.operator-sdk.enable-ssa=false",
                        "-Dquarkus.http.port=" + freePort(),
                        "-Dest-operator.service-url-override=https://localhost:" + https,
                        "-Dest-operator.management-url-override=http://localhost:" + management,
                        "-Dest-operator.resync-interval=2S"),
                work.resolve("operator.log")));

        ConfigMap rendered = await().atMost(WAIT).until(() -> get(ConfigMap.class, "est-config"), c -> c != null);
        Secret adminToken = await().atMost(WAIT).until(() -> get(Secret.class, "est-admin-token"), s -> s != null);
        Path service = Files.createDirectories(work.resolve("service"));
        Files.createDirectories(service.resolve("config"));
        Files.writeString(service.resolve("config/application.properties"),
                rendered.getData().get("application.properties"));
        running.add(JarProcess.start("est-service", ROOT.resolve("est-service/target/quarkus-app/quarkus-run.jar"),
                service, Map.of(
                        "QUARKUS_DATASOURCE_USERNAME", "est",
                        "QUARKUS_DATASOURCE_PASSWORD", "est",
                        "EST_OPERATOR_ADMIN_TOKEN", decode(adminToken, "token"),
                        "EST_CA_CERT_FILE", pki.resolve("ca.crt").toString(),
                        "EST_CA_KEY_FILE", pki.resolve("ca.key").toString(),
                        "EST_TLS_CERT_FILE", write(pki, "tls-chain.crt", read(pki, "tls.crt") + read(pki, "ca.crt")),
                        "EST_TLS_KEY_FILE", pki.resolve("tls.key").toString(),
                        "QUARKUS_HTTP_SSL_PORT", String.valueOf(https),
                        "QUARKUS_MANAGEMENT_PORT", String.valueOf(management)),
                List.of(), work.resolve("service.log")).awaitOk("http://localhost:" + management + "/q/health/ready"));

        markDeploymentAvailable("est");
        await().atMost(WAIT).until(() -> conditionIs(get(EstServer.class, "est"), ConditionType.READY, "True"));

        DeviceEnrollment first = createSensor(NAMESPACE, "sensor-7");
        Path out = enroll("sensor-7", https, "first");
        String serial = serialOf(out);
        DeviceEnrollment mirrored = await().atMost(WAIT).until(() -> get(DeviceEnrollment.class, "sensor-7"),
                d -> d.getStatus() != null && d.getStatus().serial() != null);
        assertThat(stripLeadingZeros(mirrored.getStatus().serial()))
                .as("status shows the certificate the script got").isEqualToIgnoringCase(stripLeadingZeros(serial));
        assertThat(conditionIs(mirrored, ConditionType.READY, "True")).isTrue();
        assertThat(ocsp(pki, out, https)).contains(": good");

        // Another namespace claims the same device: refused, and deleting the claim leaves the device alone.
        createSensor("apps", "sensor-7");
        DeviceEnrollment claim = await().atMost(WAIT).until(() -> kube.resources(DeviceEnrollment.class)
                .inNamespace("apps").withName("sensor-7").get(), d -> conditionIs(d, ConditionType.ACCEPTED, "False"));
        assertThat(StatusConditions.find(claim.getStatus().conditions(), ConditionType.ACCEPTED).orElseThrow())
                .satisfies(c -> assertThat(c.getReason()).isEqualTo("IdentityConflict"))
                .satisfies(c -> assertThat(c.getMessage()).contains("DeviceEnrollment pki/sensor-7"));
        kube.resource(claim).delete();
        await().atMost(WAIT).until(() -> kube.resources(DeviceEnrollment.class).inNamespace("apps")
                .withName("sensor-7").get() == null);
        assertThat(ocsp(pki, out, https)).as("the first device's certificate after the claim was deleted")
                .contains(": good");

        kube.resource(mirrored).delete();
        await().atMost(WAIT).until(() -> get(DeviceEnrollment.class, "sensor-7") == null);
        assertThat(ocsp(pki, out, https)).contains(": revoked", "Reason: cessationOfOperation");

        // GitOps applies it again: a new credential, the pod enrolls again, the old certificate stays revoked.
        DeviceEnrollment again = createSensor(NAMESPACE, "sensor-7");
        assertThat(again.getMetadata().getUid()).isNotEqualTo(first.getMetadata().getUid());
        await().atMost(WAIT).until(() -> get(Secret.class, "sensor-7-est-bootstrap"), s -> s.getMetadata()
                .getOwnerReferences().stream().anyMatch(o -> o.getUid().equals(again.getMetadata().getUid())));
        Path renewed = enroll("sensor-7", https, "again");
        String second = serialOf(renewed);
        await().atMost(WAIT).until(() -> get(DeviceEnrollment.class, "sensor-7"), d -> d.getStatus() != null
                && d.getStatus().serial() != null
                && stripLeadingZeros(d.getStatus().serial()).equalsIgnoreCase(stripLeadingZeros(second))
                && conditionIs(d, ConditionType.READY, "True"));
        assertThat(ocsp(pki, renewed, https)).contains(": good");
        assertThat(ocsp(pki, out, https)).contains(": revoked");
    }

    private DeviceEnrollment createSensor(String namespace, String name) {
        return kube.resource(Serialization.unmarshal("""
                apiVersion: estserver.dev/v1alpha1
                kind: DeviceEnrollment
                metadata: {name: %s, namespace: %s}
                spec:
                  serverRef: {name: est, namespace: %s}
                  label: iot
                  commonName: sensor-7
                  dnsNames: [sensor-7.pki.svc]
                  duration: 240h
                """.formatted(name, namespace, NAMESPACE), DeviceEnrollment.class)).create();
    }

    /** Runs the init container's script with the bootstrap Secret as the pod would mount it. */
    private Path enroll(String name, int https, String attempt) throws Exception {
        Secret bootstrap = await().atMost(WAIT).until(() -> get(Secret.class, name + "-est-bootstrap"),
                s -> s != null);
        Path bootstrapDir = Files.createDirectories(work.resolve("bootstrap-" + attempt));
        for (String key : bootstrap.getData().keySet()) {
            Files.writeString(bootstrapDir.resolve(key), decode(bootstrap, key));
        }
        Path out = work.resolve("out-" + attempt);
        Command enrolled = Command.run(work, Map.of("EST_BOOTSTRAP_DIR", bootstrapDir.toString(),
                "EST_OUT_DIR", out.toString(),
                "EST_URL", "https://localhost:" + https + "/.well-known/est/iot"),
                "dash", ROOT.resolve("deploy/enroll/est-enroll.sh").toString(), "enroll").ok();
        assertThat(Files.getPosixFilePermissions(out.resolve("tls.key")).toString())
                .as("script said: " + enrolled.stderr()).isEqualTo("[OWNER_READ, OWNER_WRITE]");
        return out;
    }

    private String serialOf(Path out) throws Exception {
        return Command.run(work, Map.of(), "openssl", "x509", "-in", out.resolve("tls.crt").toString(),
                "-noout", "-serial").ok().stdout().trim().replace("serial=", "");
    }

    private String ocsp(Path pki, Path out, int https) throws Exception {
        return Command.run(work, Map.of(), "openssl", "ocsp", "-issuer", pki.resolve("ca.crt").toString(),
                "-cert", out.resolve("tls.crt").toString(), "-url", "https://localhost:" + https + "/ocsp",
                "-CAfile", pki.resolve("ca.crt").toString()).ok().stdout();
    }

    /** What a platform team keeps in Git: a CA, and a server certificate for the name clients use (here localhost). */
    private void makeGitOpsPki(Path dir) throws Exception {
        Command.run(dir, Map.of(), "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "30",
                "-subj", "/CN=E2E GitOps CA", "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign").ok();
        Command.run(dir, Map.of(), "openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                "-nodes", "-keyout", "tls.key", "-out", "tls.csr", "-subj", "/CN=localhost").ok();
        Files.writeString(dir.resolve("tls.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n"
                + "extendedKeyUsage=serverAuth\n");
        Command.run(dir, Map.of(), "openssl", "x509", "-req", "-in", "tls.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
                "-CAcreateserial", "-out", "tls.crt", "-days", "30", "-extfile", "tls.ext").ok();
    }

    private void markDeploymentAvailable(String name) {
        Deployment deployment = await().atMost(WAIT).until(() -> get(Deployment.class, name), d -> d != null);
        deployment.setStatus(new DeploymentStatusBuilder().withReplicas(1).withReadyReplicas(1)
                .withAvailableReplicas(1).build());
        kube.resource(deployment).updateStatus();
    }

    private static boolean conditionIs(HasMetadata resource, String type, String status) {
        List<io.fabric8.kubernetes.api.model.Condition> conditions = resource instanceof EstServer s
                && s.getStatus() != null ? s.getStatus().conditions()
                        : resource instanceof DeviceEnrollment d && d.getStatus() != null ? d.getStatus().conditions()
                                : null;
        return StatusConditions.find(conditions, type).filter(c -> status.equals(c.getStatus())).isPresent();
    }

    private <T extends HasMetadata> T get(Class<T> type, String name) {
        return kube.resources(type).inNamespace(NAMESPACE).withName(name).get();
    }

    private static Secret secret(String name, Map<String, String> values) {
        Secret secret = new Secret();
        secret.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name)
                .withNamespace(NAMESPACE).build());
        secret.setData(SecretData.encode(values));
        return secret;
    }

    private static String decode(Secret secret, String key) {
        return SecretData.text(secret, key).orElseThrow();
    }

    private static String read(Path dir, String file) throws IOException {
        return Files.readString(dir.resolve(file));
    }

    private static String write(Path dir, String file, String content) throws IOException {
        return Files.writeString(dir.resolve(file), content).toString();
    }

    private static String stripLeadingZeros(String hex) {
        return hex.replaceFirst("^0+", "");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
