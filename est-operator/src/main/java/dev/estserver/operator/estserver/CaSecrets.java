package dev.estserver.operator.estserver;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;

import dev.estserver.operator.api.v1alpha1.EstServer;
import dev.estserver.operator.api.v1alpha1.EstServerSpec.CaSpec;
import dev.estserver.operator.api.v1alpha1.EstServerSpec.GenerateCaSpec;
import dev.estserver.operator.kube.KubeEvents;
import dev.estserver.operator.kube.SecretData;
import dev.estserver.operator.pki.CertificateFactory;
import dev.estserver.operator.pki.KeyAlgorithm;
import dev.estserver.operator.pki.KeyMatch;
import dev.estserver.operator.pki.Pem;
import dev.estserver.operator.spec.InvalidSpec;
import dev.estserver.operator.spec.SpecDurations;
import dev.estserver.operator.status.Reason;

/**
 * Finds the issuing CA of an EstServer: from the GitOps Secret it names, or from the Secret the operator generated.
 * A generated CA is never owned by the EstServer, so deleting and re-creating the EstServer keeps every issued
 * certificate verifiable; it is rotated {@code renewBefore} its end, the old certificate staying in the bundle.
 */
@ApplicationScoped
public class CaSecrets {

    private static final Logger LOG = Logger.getLogger(CaSecrets.class);
    static final Duration DEFAULT_VALIDITY = Duration.ofDays(3650);
    static final Duration DEFAULT_RENEW_BEFORE = Duration.ofDays(90);

    private final KubeEvents events;

    CaSecrets(KubeEvents events) {
        this.events = events;
    }

    /**
     * @throws InvalidSpec naming the field when the Secret is missing, incomplete or not a CA, or when the GitOps CA
     *                     expired (a generated one is rotated instead)
     */
    CaMaterial resolve(EstServer server, SecretAccess secrets) throws InvalidSpec {
        CaSpec spec = server.getSpec().ca();
        String namespace = server.getMetadata().getNamespace();
        if (spec.secretRef() != null) {
            String name = spec.secretRef().name();
            CaMaterial ca = read(secrets.get(namespace, name).orElse(null), "spec.ca.secretRef", name);
            requireUnexpired(ca, "spec.ca.secretRef", name);
            return ca;
        }
        String name = OwnedNames.of(server).generatedCa();
        Secret existing = secrets.get(namespace, name).orElse(null);
        GenerateCaSpec generate = spec.generate();
        Duration validity = SpecDurations.parse("spec.ca.generate.validity", generate.validity(), DEFAULT_VALIDITY);
        Duration renewBefore = SpecDurations.parse("spec.ca.generate.renewBefore", generate.renewBefore(),
                DEFAULT_RENEW_BEFORE);
        if (existing == null) {
            CaMaterial generated = write(server, name, generateCa(server, generate, validity), Map.of(), null, secrets);
            events.normal(server, Reason.CA_GENERATED, "generated CA " + describe(generated) + " into Secret " + name);
            return generated;
        }
        // An expired generated CA is rotated like one about to expire: the operator owns its renewal.
        CaMaterial current = read(existing, "spec.ca.generate (Secret " + name + ")", name);
        if (Instant.now().plus(renewBefore).isBefore(current.certificate().getNotAfter().toInstant())) {
            return current;
        }
        LOG.infof("rotating the generated CA of EstServer %s/%s: it ends %s, within renewBefore %s", namespace,
                server.getMetadata().getName(), current.certificate().getNotAfter().toInstant(), renewBefore);
        CaMaterial rotated = write(server, name, generateCa(server, generate, validity),
                Map.of(CaMaterial.PREVIOUS_KEY, List.of(current.certificate())), existing, secrets);
        events.normal(server, "CARotated", "rotated the generated CA: " + describe(rotated) + " replaces "
                + describe(current) + ", which ends within renewBefore " + renewBefore + " and stays trusted");
        return rotated;
    }

    private static String describe(CaMaterial ca) {
        return ca.certificate().getSubjectX500Principal().getName() + " (serial " + ca.serialHex() + ", valid until "
                + ca.certificate().getNotAfter().toInstant() + ")";
    }

    private CaMaterial read(Secret secret, String field, String name) throws InvalidSpec {
        String certificates = SecretData.required(secret, field, name, CaMaterial.CERT_KEY);
        String keyPem = SecretData.required(secret, field, name, CaMaterial.PRIVATE_KEY_KEY);
        try {
            List<X509Certificate> chain = Pem.certificates(certificates);
            PrivateKey key = Pem.privateKey(keyPem);
            Map<String, List<X509Certificate>> rollover = new LinkedHashMap<>();
            for (String extra : List.of(CaMaterial.NEXT_KEY, CaMaterial.PREVIOUS_KEY)) {
                SecretData.text(secret, extra).ifPresent(pem -> rollover.put(extra, Pem.certificates(pem)));
            }
            CaMaterial ca = new CaMaterial(name, chain, key, rollover);
            requireUsable(ca, field, name);
            return ca;
        } catch (IllegalArgumentException e) {
            throw new InvalidSpec(Reason.INVALID_CERTIFICATE, field + ": Secret '" + name + "': " + e.getMessage());
        }
    }

    private static void requireUsable(CaMaterial ca, String field, String name) throws InvalidSpec {
        X509Certificate certificate = ca.certificate();
        if (certificate.getBasicConstraints() < 0) {
            throw new InvalidSpec(Reason.INVALID_CERTIFICATE, field + ": Secret '" + name + "' key "
                    + CaMaterial.CERT_KEY + " is not a CA certificate (no basicConstraints cA=true): "
                    + certificate.getSubjectX500Principal().getName());
        }
        if (!KeyMatch.belongTogether(ca.key(), certificate.getPublicKey())) {
            throw new InvalidSpec(Reason.INVALID_CERTIFICATE, field + ": Secret '" + name + "' key "
                    + CaMaterial.PRIVATE_KEY_KEY + " is not the private key of " + CaMaterial.CERT_KEY);
        }
    }

    private static void requireUnexpired(CaMaterial ca, String field, String name) throws InvalidSpec {
        if (!Instant.now().isBefore(ca.certificate().getNotAfter().toInstant())) {
            throw new InvalidSpec(Reason.CA_EXPIRED, field + ": the CA certificate in Secret '" + name
                    + "' ended at " + ca.certificate().getNotAfter().toInstant());
        }
    }

    private static GeneratedCa generateCa(EstServer server, GenerateCaSpec spec, Duration validity)
            throws InvalidSpec {
        String algorithmName = spec.keyAlgorithm() == null ? KeyAlgorithm.EC_P256.specName() : spec.keyAlgorithm();
        KeyAlgorithm algorithm = KeyAlgorithm.bySpecName(algorithmName).orElseThrow(() -> new InvalidSpec(
                Reason.INVALID_SPEC, "spec.ca.generate.keyAlgorithm must be one of ec-p256, ec-p384, rsa-3072, "
                        + "rsa-4096, got '" + algorithmName + "'"));
        String commonName = spec.commonName() == null ? server.getMetadata().getName() + " EST CA"
                : spec.commonName();
        KeyPair keys = algorithm.generate();
        return new GeneratedCa(CertificateFactory.selfSignedCa(commonName, keys, validity), keys.getPrivate());
    }

    private record GeneratedCa(X509Certificate certificate, PrivateKey key) {
    }

    private static CaMaterial write(EstServer server, String name, GeneratedCa ca,
            Map<String, List<X509Certificate>> previous, Secret replacing, SecretAccess secrets) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(CaMaterial.CERT_KEY, Pem.of(ca.certificate()));
        data.put(CaMaterial.PRIVATE_KEY_KEY, Pem.of(ca.key()));
        previous.forEach((key, certificates) -> data.put(key, Pem.of(certificates)));
        secrets.write(new SecretBuilder().withMetadata(Owned.unowned(server, name)).withType("kubernetes.io/tls")
                .withData(SecretData.encode(data)).build(), replacing);
        return new CaMaterial(name, List.of(ca.certificate()), ca.key(), previous);
    }
}
