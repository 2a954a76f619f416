package dev.estserver.operator.support;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;

import dev.estserver.operator.api.v1alpha1.EstServer;
import dev.estserver.operator.api.v1alpha1.EstServerSpec.CaSpec;
import dev.estserver.operator.api.v1alpha1.EstServerSpec.DatabaseSpec;
import dev.estserver.operator.api.v1alpha1.EstServerSpec.GenerateCaSpec;
import dev.estserver.operator.api.v1alpha1.EstServerSpec.ProfileSpec;
import dev.estserver.operator.api.v1alpha1.EstServerSpec;
import dev.estserver.operator.api.v1alpha1.LocalObjectRef;
import dev.estserver.operator.api.v1alpha1.SecretKeyRef;
import dev.estserver.operator.kube.SecretData;
import dev.estserver.operator.pki.CertificateFactory;
import dev.estserver.operator.pki.KeyAlgorithm;
import dev.estserver.operator.pki.Pem;

/** EstServer specs and the Secrets they name, as the tests apply them. */
public final class TestEstServers {

    public static final String DATABASE_SECRET = "est-db";

    private TestEstServers() {
    }

    public static EstServer withSpec(String namespace, String name, EstServerSpec spec) {
        EstServer server = new EstServer();
        server.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
        server.setSpec(spec);
        return server;
    }

    /** One replica, a generated CA, a database by host, an iot label with its own profile. */
    public static EstServerSpec generatedCa() {
        return spec(new CaSpec(null, new GenerateCaSpec(null, "8760h", null, null)), 1);
    }

    public static EstServerSpec gitOpsCa(String secretName) {
        return spec(new CaSpec(new LocalObjectRef(secretName), null), 1);
    }

    public static EstServerSpec spec(CaSpec ca, int replicas) {
        return new EstServerSpec("registry.example/est-service:test", replicas, null, ca, null, database(),
                Map.of("iot", new ProfileSpec("720h", null, null, java.util.List.of("ec-p256"), null, null, null,
                        null, Map.of("subject.required", "CN"))),
                Map.of("iot", "iot"), null, null, null);
    }

    public static DatabaseSpec database() {
        return new DatabaseSpec(null, "postgres.db", null, "est", new SecretKeyRef(DATABASE_SECRET, "username"),
                new SecretKeyRef(DATABASE_SECRET, "password"));
    }

    public static Secret databaseSecret(String namespace, String password) {
        return new SecretBuilder().withMetadata(new ObjectMetaBuilder().withNamespace(namespace)
                .withName(DATABASE_SECRET).build())
                .withData(SecretData.encode(Map.of("username", "est", "password", password))).build();
    }

    /** A CA Secret as a GitOps repository would hold it. */
    public static Secret caSecret(String namespace, String name, String commonName) {
        return caSecret(namespace, name, commonName, Duration.ofDays(365));
    }

    /** @param validity from now; a CA that ends soon stands for one the operator must rotate */
    public static Secret caSecret(String namespace, String name, String commonName, Duration validity) {
        KeyPair keys = KeyAlgorithm.EC_P256.generate();
        X509Certificate ca = CertificateFactory.selfSignedCa(commonName, keys, validity);
        return new SecretBuilder().withMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name)
                .build()).withType("kubernetes.io/tls")
                .withData(SecretData.encode(Map.of("tls.crt", Pem.of(ca), "tls.key", Pem.of(keys.getPrivate()))))
                .build();
    }
}
