package dev.estserver.operator.deviceenrollment;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import dev.estserver.operator.api.v1alpha1.EstServer;
import dev.estserver.operator.api.v1alpha1.EstServerSpec;
import dev.estserver.operator.api.v1alpha1.SecretKeyRef;
import dev.estserver.operator.estserver.OwnedNames;
import dev.estserver.operator.kube.SecretData;

/**
 * An EstServer in the mock API server, plus the admin token Secret and CA bundle ConfigMap that its own reconciler
 * would publish and that the DeviceEnrollment reconciler needs to call the service.
 */
final class EstServerFixture {

    /** Never parsed: the tests' admin API is a recording fake; the bootstrap Secret must carry it verbatim. */
    static final String CA_BUNDLE = "-----BEGIN CERTIFICATE-----\nTUlJQkNBIGZvciB0ZXN0cw==\n"
            + "-----END CERTIFICATE-----\n";

    private EstServerFixture() {
    }

    /** A server that serves: declared, with its token and CA bundle published. */
    static EstServer serving(KubernetesClient client, String namespace, String name, String... allowedNamespaces) {
        publishConnection(client, namespace, name);
        return declare(client, namespace, name, allowedNamespaces);
    }

    /** @param allowedNamespaces none: the default policy (only the server's own namespace) */
    static EstServer declare(KubernetesClient client, String namespace, String name, String... allowedNamespaces) {
        EstServer server = new EstServer();
        server.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
        server.setSpec(new EstServerSpec(null, null, null,
                new EstServerSpec.CaSpec(null, new EstServerSpec.GenerateCaSpec(null, null, null, null)), null,
                new EstServerSpec.DatabaseSpec(null, "postgres", null, null, new SecretKeyRef("db", "username"),
                        new SecretKeyRef("db", "password")),
                null, null, allowedNamespaces.length == 0 ? null
                        : new EstServerSpec.EnrollmentPolicySpec(List.of(allowedNamespaces)),
                null, null));
        return client.resource(server).create();
    }

    /** Labelled as the EstServer reconciler labels them: the operator's informers select by these labels. */
    static void publishConnection(KubernetesClient client, String namespace, String name) {
        OwnedNames names = new OwnedNames(namespace, name);
        Map<String, String> labels = Map.of(OwnedNames.SERVER_LABEL, name,
                OwnedNames.MANAGED_BY_LABEL, OwnedNames.MANAGED_BY);
        client.resource(new SecretBuilder().withNewMetadata().withNamespace(namespace).withName(names.adminToken())
                .withLabels(labels).endMetadata()
                .withData(SecretData.encode(Map.of(OwnedNames.ADMIN_TOKEN_KEY, "token-of-" + name)))
                .build()).create();
        client.resource(new ConfigMapBuilder().withNewMetadata().withNamespace(namespace).withName(names.caBundle())
                .withLabels(labels).endMetadata().withData(Map.of(OwnedNames.CA_BUNDLE_KEY, CA_BUNDLE)).build())
                .create();
    }
}
