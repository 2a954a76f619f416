package dev.estserver.operator.deviceenrollment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

import dev.estserver.operator.api.v1alpha1.DeviceEnrollment;
import dev.estserver.operator.api.v1alpha1.DeviceEnrollmentSpec.AuthenticationSpec;
import dev.estserver.operator.api.v1alpha1.DeviceEnrollmentStatus;
import dev.estserver.operator.estserver.OwnedNames;
import dev.estserver.operator.kube.SecretData;
import dev.estserver.operator.service.BootstrapCredentialRequest;
import dev.estserver.operator.service.IssuedBootstrapCredential;
import dev.estserver.operator.service.Owner;
import dev.estserver.operator.service.RecordingAdminApi;
import dev.estserver.operator.service.RegistrationRequest;
import dev.estserver.operator.service.RegistrationView.CurrentCertificate;
import dev.estserver.operator.status.ConditionType;
import dev.estserver.operator.status.Reason;

@QuarkusTest
@WithKubernetesTestServer(crud = true)
class DeviceEnrollmentReconcilerTest extends DeviceEnrollmentScenario {

    @Test
    void registersTheDeviceWithItsLabelIdentityAllowedSansAndValidity() {
        EstServerFixture.serving(client, enrollments.namespace(), SERVER);
        String device = enrollments.device("sensor");
        DeviceEnrollment enrollment = enrollments.create("sensor", EnrollmentSpecs.device(device, SERVER)
                .label("iot").sans(List.of("sensor.example"), List.of("10.0.0.7"), List.of("spiffe://example/sensor"))
                .duration("90d").build());

        await().untilAsserted(() -> assertThat(service.calls(RecordingAdminApi.PUT, device)).singleElement()
                .isEqualTo(new RecordingAdminApi.Call(RecordingAdminApi.PUT, "iot", device, new RegistrationRequest(
                        List.of("DNS:sensor.example", "IP:10.0.0.7", "URI:spiffe://example/sensor"),
                        Duration.ofDays(90).toString(), false, new Owner("DeviceEnrollment "
                                + enrollments.namespace() + "/sensor", enrollment.getMetadata().getUid())))));
        awaitCondition("sensor", ConditionType.ACCEPTED, true, Reason.REGISTERED);
        assertThat(enrollments.status("sensor").observedGeneration()).isEqualTo(1L);
    }

    @Test
    void registersOnTheDefaultLabelWithTheProfileDefaultsWhenTheSpecSaysNothing() {
        EstServerFixture.serving(client, enrollments.namespace(), SERVER);
        String device = enrollments.device("plain");
        DeviceEnrollment enrollment = enrollments.create("plain", EnrollmentSpecs.device(device, SERVER).build());

        await().untilAsserted(() -> assertThat(service.calls(RecordingAdminApi.PUT, device)).singleElement()
                .isEqualTo(new RecordingAdminApi.Call(RecordingAdminApi.PUT, "default", device,
                        new RegistrationRequest(null, null, false, Owner.of(enrollment)))));
        await().untilAsserted(() -> assertThat(service.calls(RecordingAdminApi.ISSUE, device)).singleElement()
                .extracting(call -> ((BootstrapCredentialRequest) call.body()).label())
                .as("production mode refuses a credential bound to no label").isEqualTo("default"));
    }

    @Test
    void handsTheDeviceAOneTimeCredentialInASecretItOwns() {
        EstServerFixture.serving(client, enrollments.namespace(), SERVER);
        String device = enrollments.device("camera");
        DeviceEnrollment enrollment = enrollments.create("camera", EnrollmentSpecs.device(device, SERVER)
                .label("iot").sans(List.of("camera.example", "cam.example"), List.of("10.0.0.8"), null).build());

        Secret secret = await().until(() -> bootstrapSecret("camera"), s -> s != null);

        IssuedBootstrapCredential credential = service.credentialsOf(device).getFirst();
        assertThat(service.calls(RecordingAdminApi.ISSUE, device)).singleElement()
                .extracting(RecordingAdminApi.Call::body)
                .isEqualTo(new BootstrapCredentialRequest(credential.username(), "iot", device, true, "PT168H",
                        Owner.of(enrollment)));
        assertThat(secret.getType()).isEqualTo("Opaque");
        assertThat(decoded(secret)).isEqualTo(Map.of(
                "username", credential.username(),
                "password", credential.password(),
                "url", "https://est." + enrollments.namespace() + ".svc.cluster.local:8443/.well-known/est/iot",
                "ca.crt", caBundle(),
                "commonName", device,
                "dnsNames", "camera.example,cam.example",
                "ipAddresses", "10.0.0.8"));
        assertThat(secret.getMetadata().getOwnerReferences()).singleElement()
                .extracting(OwnerReference::getKind, OwnerReference::getName, OwnerReference::getUid,
                        OwnerReference::getController)
                .containsExactly("DeviceEnrollment", "camera", enrollment.getMetadata().getUid(), true);
        await().untilAsserted(() -> assertThat(enrollments.status("camera"))
                .extracting(DeviceEnrollmentStatus::bootstrapSecretName, DeviceEnrollmentStatus::bootstrapUsername)
                .containsExactly("camera-est-bootstrap", credential.username()));
        assertThat(enrollments.get("camera").getStatus().toString()).doesNotContain(credential.password());
    }

    @Test
    void keepsTheCaBundleInTheBootstrapSecretCurrent() {
        EstServerFixture.serving(client, enrollments.namespace(), SERVER);
        enrollments.create("rotating", EnrollmentSpecs.device(enrollments.device("rotating"), SERVER).build());
        await().until(() -> bootstrapSecret("rotating") != null);
        String firstPassword = decoded(bootstrapSecret("rotating")).get("password");

        String rotated = EstServerFixture.CA_BUNDLE + EstServerFixture.CA_BUNDLE.replace("TUlJ", "TkVY");
        client.configMaps().inNamespace(enrollments.namespace()).withName(SERVER + "-ca-bundle")
                .edit(bundle -> {
                    bundle.getData().put("ca.crt", rotated);
                    return bundle;
                });

        await().untilAsserted(() -> assertThat(decoded(bootstrapSecret("rotating")))
                .containsEntry("ca.crt", rotated).containsEntry("password", firstPassword));
    }

    @Test
    void labelsABootstrapSecretWrittenBeforeBootstrapSecretsWereLabelled() {
        EstServerFixture.serving(client, enrollments.namespace(), SERVER);
        enrollments.create("veteran", EnrollmentSpecs.device(enrollments.device("veteran"), SERVER).build());
        await().until(() -> bootstrapSecret("veteran") != null);
        String password = decoded(bootstrapSecret("veteran")).get("password");

        client.secrets().inNamespace(enrollments.namespace()).withName("veteran-est-bootstrap").edit(s -> {
            s.getMetadata().getLabels().remove(OwnedNames.BOOTSTRAP_LABEL);
            return s;
        });

        await().untilAsserted(() -> assertThat(bootstrapSecret("veteran").getMetadata().getLabels())
                .containsEntry(OwnedNames.BOOTSTRAP_LABEL, "veteran"));
        assertThat(decoded(bootstrapSecret("veteran"))).containsEntry("password", password);
    }

    @Test
    void handsNoCredentialToADeviceThatAuthenticatesWithACertificate() {
        EstServerFixture.serving(client, enrollments.namespace(), SERVER);
        String device = enrollments.device("idevid");
        enrollments.create("idevid", EnrollmentSpecs.device(device, SERVER).authentication(
                new AuthenticationSpec(AuthenticationSpec.Method.ClientCertificate, null, null, null)).build());

        awaitCondition("idevid", ConditionType.READY, false, Reason.AWAITING_ENROLLMENT);
        assertThat(service.calls(RecordingAdminApi.ISSUE, device)).isEmpty();
        assertThat(bootstrapSecret("idevid")).isNull();
        assertThat(enrollments.status("idevid").bootstrapSecretName()).isNull();
    }

    @Test
    void issuesAFreshCredentialAndRevokesTheOldOneWhenTheSecretIsLostBeforeEnrollment() {
        EstServerFixture.serving(client, enrollments.namespace(), SERVER);
        String device = enrollments.device("lost");
        enrollments.create("lost", EnrollmentSpecs.device(device, SERVER).build());
        await().untilAsserted(() -> assertThat(enrollments.status("lost"))
                .extracting(DeviceEnrollmentStatus::bootstrapUsername).isNotNull());
        String first = enrollments.status("lost").bootstrapUsername();

        client.secrets().inNamespace(enrollments.namespace()).withName("lost-est-bootstrap").delete();

        await().untilAsserted(() -> assertThat(service.credentialsOf(device)).hasSize(2));
        assertThat(service.isRevoked(first)).isTrue();
        String second = service.credentialsOf(device).get(1).username();
        await().untilAsserted(() -> assertThat(bootstrapSecret("lost")).isNotNull()
                .extracting(s -> decoded(s).get("username")).isEqualTo(second));
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void aReusableCredentialEnrollsRepeatedlyAndIsIssuedAgainWhenItsSecretIsLostAfterEnrollment() {
        EstServerFixture.serving(client, enrollments.namespace(), SERVER);
        String device = enrollments.device("roaming");
        enrollments.create("roaming", EnrollmentSpecs.device(device, SERVER).authentication(
                new AuthenticationSpec(AuthenticationSpec.Method.BootstrapSecret, null, null, true)).build());
        await().until(() -> bootstrapSecret("roaming") != null);
        assertThat(service.credentialsOf(device)).singleElement()
                .satisfies(c -> assertThat(c.oneTime()).as("reusable").isFalse());
        String first = service.credentialsOf(device).getFirst().username();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        service.enrolled("default", device, new CurrentCertificate("0B", now, now.plus(Duration.ofDays(90)), "GOOD"));
        awaitCondition("roaming", ConditionType.READY, true, Reason.CERTIFICATE_ISSUED);

        client.secrets().inNamespace(enrollments.namespace()).withName("roaming-est-bootstrap").delete();

        await().untilAsserted(() -> assertThat(service.credentialsOf(device)).hasSize(2));
        assertThat(service.isRevoked(first)).isTrue();
        String second = service.credentialsOf(device).get(1).username();
        await().untilAsserted(() -> assertThat(bootstrapSecret("roaming")).isNotNull()
                .extracting(s -> decoded(s).get("username")).isEqualTo(second));
    }

    @Test
    void aReusableCredentialIsReplacedInItsSecretWhenAThirdOfItsValidityIsLeft() {
        EstServerFixture.serving(client, enrollments.namespace(), SERVER);
        String device = enrollments.device("longlived");
        enrollments.create("longlived", EnrollmentSpecs.device(device, SERVER).authentication(
                new AuthenticationSpec(AuthenticationSpec.Method.BootstrapSecret, null, "6s", true)).build());
        await().until(() -> bootstrapSecret("longlived") != null);
        String first = decoded(bootstrapSecret("longlived")).get("username");
        assertThat(bootstrapSecret("longlived").getMetadata().getAnnotations())
                .containsKey(BootstrapSecrets.EXPIRES_AT_ANNOTATION);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(decoded(bootstrapSecret("longlived"))
                .get("username")).isNotEqualTo(first));
        assertThat(service.isRevoked(first)).as("the replaced credential").isTrue();
    }

    @Test
    void mirrorsTheCertificateTheDeviceEnrolledIntoStatus() {
        EstServerFixture.serving(client, enrollments.namespace(), SERVER);
        String device = enrollments.device("meter");
        enrollments.create("meter", EnrollmentSpecs.device(device, SERVER).build());
        awaitCondition("meter", ConditionType.READY, false, Reason.AWAITING_ENROLLMENT);

        Instant notBefore = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(1));
        Instant notAfter = notBefore.plus(Duration.ofDays(90));
        service.enrolled("default", device, new CurrentCertificate("0A1B2C", notBefore, notAfter, "GOOD"));

        awaitCondition("meter", ConditionType.READY, true, Reason.CERTIFICATE_ISSUED);
        assertThat(enrollments.status("meter"))
                .extracting(DeviceEnrollmentStatus::deviceStatus, DeviceEnrollmentStatus::serial,
                        DeviceEnrollmentStatus::notBefore, DeviceEnrollmentStatus::notAfter,
                        DeviceEnrollmentStatus::renewalTime)
                .containsExactly("ACTIVE", "0A1B2C", notBefore.toString(), notAfter.toString(),
                        notAfter.minus(Duration.ofDays(30)).toString());
        assertThat(enrollments.condition("meter", ConditionType.EXPIRING)).get()
                .extracting(Condition::getStatus, Condition::getReason).containsExactly("False", Reason.VALID);
    }

    @Test
    void turnsExpiringWhenTheRenewalWindowOpensWithoutAnyChange() {
        EstServerFixture.serving(client, enrollments.namespace(), SERVER);
        String device = enrollments.device("gateway");
        enrollments.create("gateway", EnrollmentSpecs.device(device, SERVER).renewBefore("1h").build());
        awaitCondition("gateway", ConditionType.READY, false, Reason.AWAITING_ENROLLMENT);

        Instant renewalTime = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(6);
        service.enrolled("default", device, new CurrentCertificate("77", renewalTime.minus(Duration.ofDays(1)),
                renewalTime.plus(Duration.ofHours(1)), "GOOD"));
        awaitCondition("gateway", ConditionType.EXPIRING, false, Reason.VALID);

        awaitCondition("gateway", ConditionType.EXPIRING, true, Reason.WITHIN_RENEWAL_WINDOW);
        assertThat(Instant.now()).isAfterOrEqualTo(renewalTime);
        assertThat(enrollments.condition("gateway", ConditionType.READY)).get()
                .extracting(Condition::getStatus).isEqualTo("True");
        assertThat(enrollments.get("gateway").getMetadata().getGeneration()).isEqualTo(1L);
    }

    @Test
    void suspendsTheDeviceInTheServiceAndIsNotReady() {
        EstServerFixture.serving(client, enrollments.namespace(), SERVER);
        String device = enrollments.device("paused");
        enrollments.create("paused", EnrollmentSpecs.device(device, SERVER).suspended().build());

        awaitCondition("paused", ConditionType.READY, false, Reason.SUSPENDED);
        assertThat(service.calls(RecordingAdminApi.PUT, device)).singleElement()
                .extracting(c -> ((RegistrationRequest) c.body()).suspended()).isEqualTo(true);
        assertThat(enrollments.status("paused").deviceStatus()).isEqualTo("SUSPENDED");
    }

    @Test
    void isNotAcceptedWhenTheServerDoesNotExist() {
        enrollments.create("orphan", EnrollmentSpecs.device(enrollments.device("orphan"), "nowhere").build());

        Condition accepted = awaitCondition("orphan", ConditionType.ACCEPTED, false, Reason.SERVER_NOT_FOUND);
        assertThat(accepted.getMessage()).contains("spec.serverRef", enrollments.namespace() + "/nowhere");
        assertThat(enrollments.condition("orphan", ConditionType.READY)).get()
                .extracting(Condition::getStatus, Condition::getReason)
                .containsExactly("False", Reason.SERVER_NOT_FOUND);
    }

    @Test
    void isAcceptedOnceTheServerItNamesAppears() {
        String device = enrollments.device("early");
        enrollments.create("early", EnrollmentSpecs.device(device, SERVER).build());
        awaitCondition("early", ConditionType.ACCEPTED, false, Reason.SERVER_NOT_FOUND);

        EstServerFixture.serving(client, enrollments.namespace(), SERVER);

        awaitCondition("early", ConditionType.ACCEPTED, true, Reason.REGISTERED);
    }

    @Test
    void waitsForTheServerToPublishItsTokenAndCaBundle() {
        EstServerFixture.declare(client, enrollments.namespace(), SERVER);
        String device = enrollments.device("patient");
        enrollments.create("patient", EnrollmentSpecs.device(device, SERVER).build());
        awaitCondition("patient", ConditionType.ACCEPTED, false, Reason.SERVER_NOT_READY);

        EstServerFixture.publishConnection(client, enrollments.namespace(), SERVER);

        awaitCondition("patient", ConditionType.ACCEPTED, true, Reason.REGISTERED);
    }

    @Test
    void isNotAcceptedFromANamespaceTheServerDoesNotAllow() {
        Enrollments elsewhere = Enrollments.inFreshNamespace(client);
        EstServerFixture.serving(client, elsewhere.namespace(), SERVER);
        String device = enrollments.device("stranger");
        enrollments.create("stranger", EnrollmentSpecs.device(device, SERVER)
                .serverNamespace(elsewhere.namespace()).build());

        Condition accepted = awaitCondition("stranger", ConditionType.ACCEPTED, false,
                Reason.NAMESPACE_NOT_ALLOWED);
        assertThat(accepted.getMessage()).contains(enrollments.namespace(), "spec.enrollment.allowedNamespaces");
        assertThat(service.calls(RecordingAdminApi.PUT, device)).isEmpty();
    }

    @Test
    void isAcceptedFromAnyNamespaceWhenTheServerAllowsEvery() {
        Enrollments elsewhere = Enrollments.inFreshNamespace(client);
        EstServerFixture.serving(client, elsewhere.namespace(), SERVER, "*");
        enrollments.create("guest", EnrollmentSpecs.device(enrollments.device("guest"), SERVER)
                .serverNamespace(elsewhere.namespace()).build());

        awaitCondition("guest", ConditionType.ACCEPTED, true, Reason.REGISTERED);
    }

    @Test
    void namesTheFieldOfADurationItCannotRead() {
        EstServerFixture.serving(client, enrollments.namespace(), SERVER);
        String device = enrollments.device("vague");
        enrollments.create("vague", EnrollmentSpecs.device(device, SERVER).renewBefore("soon").build());

        Condition accepted = awaitCondition("vague", ConditionType.ACCEPTED, false, Reason.INVALID_DURATION);
        assertThat(accepted.getMessage()).contains("spec.renewBefore", "'soon'");
        assertThat(service.calls(RecordingAdminApi.PUT, device)).isEmpty();
    }

    /** What the server publishes now (its own reconciler may have replaced the fixture's). */
    private String caBundle() {
        return client.configMaps().inNamespace(enrollments.namespace()).withName(SERVER + "-ca-bundle").get()
                .getData().get("ca.crt");
    }

    private static Map<String, String> decoded(Secret secret) {
        return secret.getData().keySet().stream().collect(Collectors.toMap(key -> key,
                key -> SecretData.text(secret, key).orElseThrow()));
    }
}
