package dev.estserver.operator.deviceenrollment;

import static org.awaitility.Awaitility.await;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;

import dev.estserver.operator.service.RecordingAdminApi;

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

    /** The bootstrap Secret of that DeviceEnrollment, by its default name; null while there is none. */
    Secret bootstrapSecret(String enrollment) {
        return client.secrets().inNamespace(enrollments.namespace()).withName(enrollment + "-est-bootstrap").get();
    }

    Condition awaitCondition(String name, String type, boolean status, String reason) {
        return await().until(() -> enrollments.condition(name, type).orElse(null),
                c -> c != null && c.getStatus().equals(status ? "True" : "False") && c.getReason().equals(reason));
    }
}
