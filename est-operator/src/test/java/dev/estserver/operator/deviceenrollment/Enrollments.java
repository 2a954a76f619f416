package dev.estserver.operator.deviceenrollment;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import dev.estserver.operator.api.v1alpha1.DeviceEnrollment;
import dev.estserver.operator.api.v1alpha1.DeviceEnrollmentSpec;
import dev.estserver.operator.api.v1alpha1.DeviceEnrollmentStatus;
import dev.estserver.operator.status.StatusConditions;

/**
 * DeviceEnrollments of one test, in a namespace of its own: the operator keeps reconciling earlier tests' resources,
 * which must never meet this test's.
 */
final class Enrollments {

    private static final AtomicInteger TESTS = new AtomicInteger();

    private final KubernetesClient client;
    private final String namespace;

    private Enrollments(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    static Enrollments inFreshNamespace(KubernetesClient client) {
        return new Enrollments(client, "test-" + TESTS.incrementAndGet());
    }

    String namespace() {
        return namespace;
    }

    /** A device identity no other test uses (the fake service is shared). */
    String device(String name) {
        return namespace + "-" + name;
    }

    DeviceEnrollment create(String name, DeviceEnrollmentSpec spec) {
        DeviceEnrollment enrollment = new DeviceEnrollment();
        enrollment.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
        enrollment.setSpec(spec);
        return client.resource(enrollment).create();
    }

    /** Null once it is gone. */
    DeviceEnrollment get(String name) {
        return client.resources(DeviceEnrollment.class).inNamespace(namespace).withName(name).get();
    }

    void delete(String name) {
        client.resources(DeviceEnrollment.class).inNamespace(namespace).withName(name).delete();
    }

    DeviceEnrollmentStatus status(String name) {
        DeviceEnrollment enrollment = get(name);
        return enrollment == null ? null : enrollment.getStatus();
    }

    Optional<Condition> condition(String name, String type) {
        DeviceEnrollmentStatus status = status(name);
        return status == null ? Optional.empty() : StatusConditions.find(status.conditions(), type);
    }
}
