package dev.estserver.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;

import dev.estserver.operator.api.v1alpha1.DeviceEnrollment;
import dev.estserver.operator.api.v1alpha1.DeviceEnrollmentSpec;
import dev.estserver.operator.api.v1alpha1.EstServer;
import dev.estserver.operator.api.v1alpha1.EstServerSpec;
import dev.estserver.operator.api.v1alpha1.LocalObjectRef;
import dev.estserver.operator.kube.SecretData;
import dev.estserver.operator.service.FakeEstService;
import dev.estserver.operator.service.RegistrationView.CurrentCertificate;
import dev.estserver.operator.status.ConditionType;
import dev.estserver.operator.status.StatusConditions;
import dev.estserver.operator.support.TestEstServers;

/**
 * The packaged operator, in its own process with the memory it gets in its Deployment, against the mock API server and
 * an est-service admin API that answers from memory, with {@value #DEVICES} DeviceEnrollments that never enroll: its
 * steady state must cost the API server no per-object reads and the service a number of calls that does not grow with
 * the devices, and a device that does enroll must show Ready within seconds.
 */
class ScaleIT {

    static final int DEVICES = Integer.getInteger("scale.devices", 10_000);
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String NAMESPACE = "fleet";
    /**
     * The JVM as the operator's container starts it (deploy/operator/deployment.yaml): it sees 640 MiB (its memory
     * limit) and takes 40% of it for the heap (JAVA_MAX_MEM_RATIO=40), with the serial collector
     * (GC_CONTAINER_OPTIONS) and at most two malloc arenas.
     */
    private static final List<String> CONTAINER_JVM = List.of("-XX:MaxRAM=640m", "-XX:MaxRAMPercentage=40",
            "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError");
    private static final Map<String, String> CONTAINER_ENVIRONMENT = Map.of("MALLOC_ARENA_MAX", "2");
    private static final long MEMORY_LIMIT = 640L * 1024 * 1024;
    private static final Duration STEADY = Duration.ofSeconds(Integer.getInteger("scale.steady-seconds", 120));
    /** est-operator.poll-interval's default: how often the registration feed asks each service. */
    private static final Duration POLL = Duration.ofSeconds(5);
    /**
     * RegistrationFeed.OVERLAP: for this long after the last registration, each poll of the feed still returns it,
     * so the 10,000 registrations take several pages per poll until then. The steady state begins after it.
     */
    private static final Duration FEED_OVERLAP = Duration.ofSeconds(30);

    private final List<AutoCloseable> running = new ArrayList<>();

    @AfterEach
    void stopEverything() throws Exception {
        for (AutoCloseable process : running.reversed()) {
            process.close();
        }
    }

    @Test
    void tenThousandWaitingDevicesCostNoPerObjectPollingAndAnEnrolledOneShowsReadyWithinTenSeconds()
            throws Exception {
        MockApiServer api = MockApiServer.withCrds(ROOT);
        running.add(api);
        KubernetesClient kube = api.client();
        FakeEstService service = new FakeEstService();
        running.add(service);
        kube.resource(TestEstServers.databaseSecret(NAMESPACE, "secret")).create();
        kube.resource(TestEstServers.caSecret(NAMESPACE, "fleet-ca", "Fleet CA")).create();
        kube.resource(new SecretBuilder().withMetadata(new ObjectMetaBuilder().withNamespace(NAMESPACE)
                .withName("fleet-tls").build()).withData(SecretData.encode(Map.of("tls.crt", service.trustPem(),
                        "tls.key", "unused: the service is a fake", "ca.crt", service.trustPem()))).build()).create();
        EstServerSpec spec = TestEstServers.gitOpsCa("fleet-ca");
        kube.resource(TestEstServers.withSpec(NAMESPACE, "est", new EstServerSpec(spec.image(), spec.replicas(),
                null, spec.ca(), new EstServerSpec.TlsSpec(new LocalObjectRef("fleet-tls")), spec.database(),
                spec.profiles(), spec.labels(), null, null, null))).create();

        Path work = Files.createDirectories(ROOT.resolve("est-operator/target/scale"));
        JarProcess operator = JarProcess.start("est-operator",
                ROOT.resolve("est-operator/target/quarkus-app/quarkus-run.jar"), work, CONTAINER_ENVIRONMENT, Stream.concat(
                        CONTAINER_JVM.stream(), Stream.of(
                        "-Dquarkus.kubernetes-client.api-server-url=" + api.url(),
                        "-Dquarkus.kubernetes-client.trust-certs=true",
                        "-Dquarkus.http.port=" + freePort(),
                        "-Dest-operator.service-url-override=" + service.base(),
                        "-Dest-operator.management-url-override=http://localhost:" + freePort())).toList(),
                work.resolve("operator.log"));
        running.add(operator);
        await().atMost(Duration.ofSeconds(60)).until(() -> kube.configMaps().inNamespace(NAMESPACE)
                .withName("est-ca-bundle").get() != null);

        Instant start = Instant.now();
        create(kube, DEVICES);
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(5)).until(() -> accepted(kube)
                == DEVICES);
        System.out.printf("ScaleIT: %d DeviceEnrollments accepted %d s after the first was created%n", DEVICES,
                Duration.between(start, Instant.now()).toSeconds());

        Thread.sleep(FEED_OVERLAP.plus(POLL).toMillis());
        drain(api.recorder());
        Map<String, Long> before = service.calls();
        Thread.sleep(STEADY.toMillis());
        List<String> requests = drain(api.recorder());
        Map<String, Long> calls = delta(before, service.calls());
        System.out.printf("ScaleIT: steady state over %d s: %d API server requests %s, admin API calls %s, "
                + "operator RSS %d MiB%n", STEADY.toSeconds(), requests.size(), summary(requests), calls,
                operator.residentBytes() >> 20);

        assertThat(requests).as("per-object reads of the API server").noneMatch(ScaleIT::readsOneObject);
        assertThat(requests).as("writes to the API server").allMatch(r -> r.startsWith("GET "));
        long feed = calls.getOrDefault("GET registrations?changedSince", 0L);
        assertThat(calls.keySet()).as("admin API calls besides the change feed")
                .allMatch(kind -> kind.equals("GET registrations?changedSince"));
        assertThat(feed).as("change feed queries, one per poll interval")
                .isBetween(1L, 2 * STEADY.dividedBy(POLL) + 2);

        String device = "device-" + DEVICES / 2;
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        service.service().enrolled("default", device, new CurrentCertificate("4711", now,
                now.plus(Duration.ofDays(30)), CurrentCertificate.GOOD));
        Instant enrolled = Instant.now();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> StatusConditions
                .find(kube.resources(DeviceEnrollment.class).inNamespace(NAMESPACE).withName(device).get()
                        .getStatus().conditions(), ConditionType.READY)
                .filter(c -> "True".equals(c.getStatus())).isPresent());
        System.out.printf("ScaleIT: %s Ready %d ms after it enrolled%n", device,
                Duration.between(enrolled, Instant.now()).toMillis());

        assertThat(operator.isAlive()).as("operator alive with " + CONTAINER_JVM + "; log:\n" + tail(operator))
                .isTrue();
        assertThat(operator.residentBytes()).as("operator RSS within its Deployment's memory limit")
                .isLessThan(MEMORY_LIMIT);
        assertThat(operator.log()).doesNotContain("OutOfMemoryError");
    }

    private static void create(KubernetesClient kube, int devices) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> created = IntStream.range(0, devices).mapToObj(i -> threads.submit(() -> {
                DeviceEnrollment enrollment = new DeviceEnrollment();
                enrollment.setMetadata(new ObjectMetaBuilder().withNamespace(NAMESPACE).withName("device-" + i)
                        .build());
                enrollment.setSpec(new DeviceEnrollmentSpec(new DeviceEnrollmentSpec.ServerRef("est", null), null,
                        "device-" + i, null, null, null, null, null, null, null));
                return kube.resource(enrollment).create();
            })).<Future<?>>map(f -> f).toList();
            for (Future<?> future : created) {
                future.get();
            }
        } finally {
            threads.shutdown();
        }
    }

    private static long accepted(KubernetesClient kube) {
        return kube.resources(DeviceEnrollment.class).inNamespace(NAMESPACE).list().getItems().stream()
                .filter(d -> d.getStatus() != null && StatusConditions.find(d.getStatus().conditions(),
                        ConditionType.ACCEPTED).filter(c -> "True".equals(c.getStatus())).isPresent())
                .count();
    }

    /** A GET of one named Secret, ConfigMap, EstServer or DeviceEnrollment (not a list or a watch). */
    private static boolean readsOneObject(String request) {
        return request.startsWith("GET ")
                && request.matches(".*/(secrets|configmaps|estservers|deviceenrollments)/[^/?]+(\\?.*)?$");
    }

    /** Every request recorded so far, as "METHOD path"; the mock keeps them until taken. */
    private static List<String> drain(KubernetesMockServer api) throws InterruptedException {
        List<String> requests = new ArrayList<>();
        RecordedRequest request;
        while ((request = api.takeRequest(200, TimeUnit.MILLISECONDS)) != null) {
            requests.add(request.getMethod() + " " + request.getPath());
        }
        return requests;
    }

    private static Map<String, Long> summary(List<String> requests) {
        Map<String, Long> kinds = new HashMap<>();
        requests.forEach(r -> kinds.merge(r.replaceAll("\\?.*", "").replaceAll("/[^/]+$", "/…"), 1L, Long::sum));
        return kinds;
    }

    private static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> delta = new HashMap<>();
        after.forEach((kind, count) -> {
            long more = count - before.getOrDefault(kind, 0L);
            if (more > 0) {
                delta.put(kind, more);
            }
        });
        return delta;
    }

    private static String tail(JarProcess process) throws IOException {
        String log = process.log();
        return log.substring(Math.max(0, log.length() - 4000));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
