package dev.estserver.operator.deviceenrollment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Secret;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

import dev.estserver.operator.api.v1alpha1.DeviceEnrollment;
import dev.estserver.operator.kube.SecretData;
import dev.estserver.operator.service.RecordingAdminApi;
import dev.estserver.operator.service.RegistrationView;
import dev.estserver.operator.service.RegistrationView.CurrentCertificate;
import dev.estserver.operator.status.ConditionType;
import dev.estserver.operator.status.Reason;

/** Who a device belongs to: one DeviceEnrollment, across namespaces, deletions and GitOps re-creation. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class DeviceEnrollmentOwnershipTest extends DeviceEnrollmentScenario {

    @Test
    void aSecondNamespaceClaimingTheSameIdentityIsAConflictAndItsDeletionLeavesTheFirstDeviceAlone() {
        Enrollments pki = Enrollments.inFreshNamespace(client);
        EstServerFixture.serving(client, pki.namespace(), SERVER, "*");
        String identity = enrollments.device("web") + ".svc";
        enrollments.create("a1", EnrollmentSpecs.device(identity, SERVER).serverNamespace(pki.namespace()).build());
        awaitCondition("a1", ConditionType.ACCEPTED, true, Reason.REGISTERED);
        enrolled(identity, "A1");
        awaitCondition("a1", ConditionType.READY, true, Reason.CERTIFICATE_ISSUED);

        pki.create("a2", EnrollmentSpecs.device(identity, SERVER).build());

        Condition conflict = await().until(() -> pki.condition("a2", ConditionType.ACCEPTED).orElse(null),
                c -> c != null && Reason.IDENTITY_CONFLICT.equals(c.getReason()));
        assertThat(conflict.getStatus()).isEqualTo("False");
        assertThat(conflict.getMessage()).contains("DeviceEnrollment " + enrollments.namespace() + "/a1");
        assertThat(pki.status("a2").serial()).as("a2 never shows a1's certificate").isNull();
        assertThat(eventsOf(pki.namespace(), "a2")).extracting(Event::getType, Event::getReason)
                .contains(org.assertj.core.groups.Tuple.tuple("Warning", Reason.IDENTITY_CONFLICT));

        pki.delete("a2");

        await().untilAsserted(() -> assertThat(pki.get("a2")).isNull());
        RegistrationView first = service.registrationOf("default", identity).orElseThrow();
        assertThat(first.status()).isEqualTo(RegistrationView.ACTIVE);
        assertThat(first.currentCertificate().status()).isEqualTo(CurrentCertificate.GOOD);
        assertThat(service.validCredentialsOf(identity)).hasSize(1);
        assertThat(enrollments.condition("a1", ConditionType.READY)).get().extracting(Condition::getReason)
                .isEqualTo(Reason.CERTIFICATE_ISSUED);
    }

    @Test
    void deletingAndApplyingTheSameDeviceEnrollmentAgainEnrollsAgainWhileTheOldCertificateStaysRevoked() {
        EstServerFixture.serving(client, enrollments.namespace(), SERVER);
        String device = enrollments.device("web");
        DeviceEnrollment first = enrollments.create("web", EnrollmentSpecs.device(device, SERVER).build());
        await().until(() -> bootstrapSecret("web") != null);
        enrolled(device, "0F1D");
        awaitCondition("web", ConditionType.READY, true, Reason.CERTIFICATE_ISSUED);
        String firstCredential = SecretData.text(bootstrapSecret("web"), "username").orElseThrow();

        enrollments.delete("web");
        await().untilAsserted(() -> assertThat(enrollments.get("web")).isNull());
        assertThat(service.registrationOf("default", device)).get().extracting(RegistrationView::status)
                .isEqualTo(RegistrationView.REVOKED);
        // No garbage collector in the mock: the old bootstrap Secret stays, as it may for a while in a cluster.
        DeviceEnrollment second = enrollments.create("web", EnrollmentSpecs.device(device, SERVER).build());

        awaitCondition("web", ConditionType.READY, false, Reason.AWAITING_ENROLLMENT);
        assertThat(second.getMetadata().getUid()).isNotEqualTo(first.getMetadata().getUid());
        assertThat(enrollments.status("web").deviceStatus()).isEqualTo(RegistrationView.PENDING);
        Secret secret = await().until(() -> bootstrapSecret("web"), s -> s.getMetadata().getOwnerReferences()
                .stream().anyMatch(o -> o.getUid().equals(second.getMetadata().getUid())));
        String secondCredential = SecretData.text(secret, "username").orElseThrow();
        assertThat(secondCredential).isNotEqualTo(firstCredential);
        assertThat(service.isRevoked(firstCredential)).isTrue();
        assertThat(service.validCredentialsOf(device)).extracting(c -> c.username()).containsExactly(secondCredential);

        enrolled(device, "0F2E");

        awaitCondition("web", ConditionType.READY, true, Reason.CERTIFICATE_ISSUED);
        assertThat(enrollments.status("web").serial()).isEqualTo("0F2E");
    }

    @Test
    void aCredentialWhoseAnswerWasLostIsReplacedAndNeverLeftValid() {
        EstServerFixture.serving(client, enrollments.namespace(), SERVER);
        String device = enrollments.device("timeout");
        service.loseNextIssueAnswerFor(device);

        enrollments.create("timeout", EnrollmentSpecs.device(device, SERVER).build());

        Secret secret = await().until(() -> bootstrapSecret("timeout"), s -> s != null);
        assertThat(service.credentialsOf(device)).hasSize(2);
        assertThat(service.validCredentialsOf(device)).singleElement()
                .satisfies(c -> assertThat(c.username()).isEqualTo(SecretData.text(secret, "username").orElseThrow()));
    }

    @Test
    void deletingRevokesEveryCredentialTheEnrollmentWasEverIssued() {
        EstServerFixture.serving(client, enrollments.namespace(), SERVER);
        String device = enrollments.device("spent");
        enrollments.create("spent", EnrollmentSpecs.device(device, SERVER).build());
        await().until(() -> bootstrapSecret("spent") != null);
        client.secrets().inNamespace(enrollments.namespace()).withName("spent-est-bootstrap").delete();
        await().untilAsserted(() -> assertThat(service.credentialsOf(device)).hasSize(2));

        enrollments.delete("spent");

        await().untilAsserted(() -> assertThat(enrollments.get("spent")).isNull());
        assertThat(service.validCredentialsOf(device)).isEmpty();
        assertThat(service.calls(RecordingAdminApi.REVOKE_OWNED, device)).hasSize(1);
    }

    @Test
    void recordsEventsAsTheDeviceIsRegisteredAndItsCertificateIssued() {
        EstServerFixture.serving(client, enrollments.namespace(), SERVER);
        String device = enrollments.device("talkative");
        enrollments.create("talkative", EnrollmentSpecs.device(device, SERVER).build());
        awaitCondition("talkative", ConditionType.READY, false, Reason.AWAITING_ENROLLMENT);
        enrolled(device, "5E");

        await().untilAsserted(() -> assertThat(eventsOf(enrollments.namespace(), "talkative"))
                .extracting(Event::getType, Event::getReason).contains(
                        org.assertj.core.groups.Tuple.tuple("Normal", Reason.REGISTERED),
                        org.assertj.core.groups.Tuple.tuple("Normal", "CertificateIssued")));
        Event issued = eventsOf(enrollments.namespace(), "talkative").stream()
                .filter(e -> "CertificateIssued".equals(e.getReason())).findFirst().orElseThrow();
        assertThat(issued.getMessage()).contains("5E");
        assertThat(issued.getInvolvedObject().getKind()).isEqualTo("DeviceEnrollment");
        assertThat(issued.getSource().getComponent()).isEqualTo("est-operator");
    }

    private List<Event> eventsOf(String namespace, String name) {
        return client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> name.equals(e.getInvolvedObject().getName())).toList();
    }
}
