package dev.estserver.operator.deviceenrollment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Condition;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

import dev.estserver.operator.api.v1alpha1.DeviceEnrollment;
import dev.estserver.operator.api.v1alpha1.EstServer;
import dev.estserver.operator.service.RecordingAdminApi;
import dev.estserver.operator.service.RegistrationView;
import dev.estserver.operator.status.ConditionType;
import dev.estserver.operator.status.Reason;

@QuarkusTest
@WithKubernetesTestServer(crud = true)
class DeviceEnrollmentDeletionTest extends DeviceEnrollmentScenario {

    private static final String FINALIZER = "deviceenrollments.estserver.dev/finalizer";

    @Test
    void deletingRevokesTheDeviceAndItsBootstrapCredentialThenLetsGo() {
        EstServerFixture.serving(client, enrollments.namespace(), SERVER);
        String device = registered("retired");

        enrollments.delete("retired");

        await().untilAsserted(() -> assertThat(enrollments.get("retired")).isNull());
        assertThat(service.calls(RecordingAdminApi.DELETE, device)).singleElement()
                .extracting(RecordingAdminApi.Call::label).isEqualTo("default");
        assertThat(service.registrationOf("default", device)).get().extracting(RegistrationView::status)
                .isEqualTo(RegistrationView.REVOKED);
        assertThat(service.isRevoked(service.credentialsOf(device).getFirst().username())).isTrue();
    }

    @Test
    void deletionWaitsWhileTheServiceCannotRevokeAndSaysWhy() {
        EstServerFixture.serving(client, enrollments.namespace(), SERVER);
        String device = registered("stuck");
        service.failFor(device, 503, "database unavailable");

        enrollments.delete("stuck");

        Condition ready = awaitCondition("stuck", ConditionType.READY, false, Reason.REVOCATION_FAILED);
        assertThat(ready.getMessage()).contains("deletion waits", "503", "database unavailable");
        assertThat(enrollments.condition("stuck", ConditionType.ACCEPTED)).get()
                .extracting(Condition::getReason).isEqualTo(Reason.REGISTERED);
        assertThat(client.v1().events().inNamespace(enrollments.namespace()).list().getItems())
                .anySatisfy(e -> assertThat(e.getReason()).isEqualTo(Reason.REVOCATION_FAILED));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            DeviceEnrollment waiting = enrollments.get("stuck");
            assertThat(waiting).isNotNull();
            assertThat(enrollments.condition("stuck", ConditionType.READY)).as("never claims a revocation").get()
                    .extracting(Condition::getReason).isEqualTo(Reason.REVOCATION_FAILED);
            assertThat(waiting.getMetadata().getDeletionTimestamp()).isNotNull();
            assertThat(waiting.getMetadata().getFinalizers()).contains(FINALIZER);
        });
        assertThat(service.registrationOf("default", device)).get().extracting(RegistrationView::status)
                .isNotEqualTo(RegistrationView.REVOKED);

        service.recoverFor(device);

        await().untilAsserted(() -> assertThat(enrollments.get("stuck")).isNull());
        assertThat(service.registrationOf("default", device)).get().extracting(RegistrationView::status)
                .isEqualTo(RegistrationView.REVOKED);
    }

    @Test
    void deletingAnEnrollmentWhoseServerIsGoneDoesNotWaitForever() {
        EstServerFixture.serving(client, enrollments.namespace(), SERVER);
        registered("abandoned");
        client.resources(EstServer.class).inNamespace(enrollments.namespace())
                .withName(SERVER).delete();

        enrollments.delete("abandoned");

        await().untilAsserted(() -> assertThat(enrollments.get("abandoned")).isNull());
    }

    /** Creates an enrollment and waits until the service registered it and it carries the finalizer. */
    private String registered(String name) {
        String device = enrollments.device(name);
        enrollments.create(name, EnrollmentSpecs.device(device, SERVER).build());
        await().untilAsserted(() -> {
            assertThat(enrollments.condition(name, ConditionType.ACCEPTED)).get()
                    .extracting(Condition::getReason).isEqualTo(Reason.REGISTERED);
            assertThat(enrollments.get(name).getMetadata().getFinalizers()).contains(FINALIZER);
            assertThat(enrollments.status(name).bootstrapUsername()).isNotNull();
        });
        return device;
    }
}
