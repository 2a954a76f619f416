package dev.estserver.operator.deviceenrollment;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;

import dev.estserver.operator.service.RecordingAdminApi;
import dev.estserver.operator.service.RegistrationView.CurrentCertificate;

/**
 * What every DeviceEnrollment test starts from: the mock API server, the recording fake of the service, and a
 * namespace of its own. Subclasses are {@code @QuarkusTest @WithKubernetesTestServer(crud = true)}.
 */
abstract class DeviceEnrollmentScenario {

    static final String SERVER = "est";

    @Inject
    KubernetesClient client;
    @Inject
    RecordingAdminApi service;

    Enrollments enrollments;

    @BeforeEach
    void freshNamespace() {
        enrollments = Enrollments.inFreshNamespace(client);
    }

    /** The device enrolled on the unlabeled path: a good certificate of that serial, valid for 30 days from now. */
    void enrolled(String device, String serial) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        service.enrolled("default", device, new CurrentCertificate(serial, now, now.plus(Duration.ofDays(30)),
                CurrentCertificate.GOOD));
    }

    /** The bootstrap Secret of that DeviceEnrollment, by its default name; null while there is none. */
    Secret bootstrapSecret(String enrollment) {
        return client.secrets().inNamespace(enrollments.namespace()).withName(enrollment + "-est-bootstrap").get();
    }

    Condition awaitCondition(String name, String type, boolean status, String reason) {
        return await().until(() -> enrollments.condition(name, type).orElse(null),
                c -> c != null && c.getStatus().equals(status ? "True" : "False") && c.getReason().equals(reason));
    }
}
