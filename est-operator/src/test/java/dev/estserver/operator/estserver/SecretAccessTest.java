package dev.estserver.operator.estserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

import dev.estserver.operator.api.v1alpha1.EstServer;
import dev.estserver.operator.kube.KubeErrors;
import dev.estserver.operator.kube.SecretData;
import dev.estserver.operator.pki.Pem;
import dev.estserver.operator.support.TestEstServers;

/**
 * A lagging informer cache must never make the operator overwrite a Secret it has not seen. CI saw it: a CA Secret
 * created just before its EstServer was missing from the cache, so the operator generated a CA over it and lost the
 * old certificate that every device it issued chains to.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class SecretAccessTest {

    @Inject
    KubernetesClient client;

    @Inject
    CaSecrets caSecrets;

    @Inject
    AdminTokenSecrets adminTokens;

    private final String namespace = "t-" + UUID.randomUUID().toString().substring(0, 8);
    private final EstServer server = TestEstServers.withSpec(namespace, "est", TestEstServers.generatedCa());

    @Test
    void keepsAGeneratedCaTheCacheHasNotSeenYet() throws Exception {
        Secret existing = client.resource(TestEstServers.caSecret(namespace, "est-ca", "Existing CA")).create();

        CaMaterial ca = caSecrets.resolve(server, cacheThatHasNotSeenIt());

        assertThat(ca.certificate()).isEqualTo(certificate(existing));
        assertThat(onServer("est-ca").getMetadata().getResourceVersion())
                .isEqualTo(existing.getMetadata().getResourceVersion());
    }

    @Test
    void rotatesAGeneratedCaTheCacheHasNotSeenKeepingThePreviousOne() throws Exception {
        Secret endingSoon = client.resource(TestEstServers.caSecret(namespace, "est-ca", "Old CA",
                Duration.ofDays(10))).create();

        CaMaterial ca = caSecrets.resolve(server, cacheThatHasNotSeenIt());

        assertThat(ca.certificate()).isNotEqualTo(certificate(endingSoon));
        assertThat(Pem.certificates(SecretData.text(onServer("est-ca"), CaMaterial.PREVIOUS_KEY).orElseThrow()))
                .containsExactly(certificate(endingSoon));
    }

    @Test
    void refusesToRotateOverAVersionItHasNotSeen() {
        Secret endingSoon = client.resource(TestEstServers.caSecret(namespace, "est-ca", "Old CA",
                Duration.ofDays(10))).create();
        Secret rotatedMeanwhile = TestEstServers.caSecret(namespace, "est-ca", "Rotated meanwhile");
        Secret newer = client.resource(rotatedMeanwhile).update();

        assertThatThrownBy(() -> caSecrets.resolve(server, new SecretAccess(client, id -> Optional.of(endingSoon))))
                .isInstanceOf(KubernetesClientException.class).satisfies(e -> assertThat(KubeErrors.isConflict(e))
                        .as("409, which the reconciler retries without a status").isTrue());
        assertThat(certificate(onServer("est-ca"))).isEqualTo(certificate(newer));
    }

    @Test
    void keepsAnAdminTokenTheCacheHasNotSeenYet() {
        Secret existing = client.resource(new SecretBuilder().withNewMetadata().withNamespace(namespace)
                .withName("est-admin-token").endMetadata()
                .withData(SecretData.encode(Map.of(OwnedNames.ADMIN_TOKEN_KEY, "the-token-the-pods-use"))).build())
                .create();

        adminTokens.ensure(server, cacheThatHasNotSeenIt());

        assertThat(SecretData.text(onServer("est-admin-token"), OwnedNames.ADMIN_TOKEN_KEY))
                .hasValue("the-token-the-pods-use");
        assertThat(onServer("est-admin-token").getMetadata().getResourceVersion())
                .isEqualTo(existing.getMetadata().getResourceVersion());
    }

    private SecretAccess cacheThatHasNotSeenIt() {
        return new SecretAccess(client, id -> Optional.empty());
    }

    private Secret onServer(String name) {
        return client.secrets().inNamespace(namespace).withName(name).get();
    }

    private static X509Certificate certificate(Secret secret) {
        return Pem.certificates(SecretData.text(secret, CaMaterial.CERT_KEY).orElseThrow()).getFirst();
    }
}
