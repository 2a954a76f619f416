package dev.estserver.operator.estserver;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;

import dev.estserver.operator.api.v1alpha1.EstServer;
import dev.estserver.operator.config.OperatorConfig;
import dev.estserver.operator.kube.KubeEvents;
import dev.estserver.operator.kube.SecretData;
import dev.estserver.operator.pki.CertificateFactory;
import dev.estserver.operator.pki.KeyAlgorithm;
import dev.estserver.operator.pki.Pem;
import dev.estserver.operator.pki.RenewalPolicy;
import dev.estserver.operator.spec.InvalidSpec;

/**
 * The server certificate: the one the spec names, or one the operator issues from the CA for the Service's names
 * (and the Ingress host) and issues again when the CA changed, the names changed, or a third of its life is left.
 */
@ApplicationScoped
public class ServerTlsSecrets {

    static final Duration VALIDITY = Duration.ofDays(90);
    private static final String TRUST_KEY = "ca.crt";

    private final KubeEvents events;
    private final OperatorConfig config;

    ServerTlsSecrets(KubeEvents events, OperatorConfig config) {
        this.events = events;
        this.config = config;
    }

    /** @throws InvalidSpec naming spec.tls.secretRef when the named Secret is missing or incomplete */
    ServerTls ensure(EstServer server, CaMaterial ca, SecretAccess secrets) throws InvalidSpec {
        String namespace = server.getMetadata().getNamespace();
        if (server.getSpec().tls() != null && server.getSpec().tls().secretRef() != null) {
            String name = server.getSpec().tls().secretRef().name();
            Secret secret = secrets.get(namespace, name).orElse(null);
            SecretData.required(secret, "spec.tls.secretRef", name, CaMaterial.CERT_KEY);
            SecretData.required(secret, "spec.tls.secretRef", name, CaMaterial.PRIVATE_KEY_KEY);
            return new ServerTls(name, SecretData.text(secret, TRUST_KEY));
        }
        String name = OwnedNames.of(server).tls();
        List<String> dnsNames = dnsNames(server);
        Secret existing = secrets.get(namespace, name).orElse(null);
        if (existing == null || !stillGood(existing, ca, dnsNames)) {
            KeyPair keys = KeyAlgorithm.EC_P256.generate();
            X509Certificate certificate = CertificateFactory.server(dnsNames, keys.getPublic(), ca.certificate(),
                    ca.key(), VALIDITY);
            List<Object> chain = new ArrayList<>(List.of(certificate));
            chain.addAll(ca.chain());
            secrets.write(new SecretBuilder().withMetadata(Owned.metadata(server, name))
                    .withType("kubernetes.io/tls").withData(SecretData.encode(Map.of(
                            CaMaterial.CERT_KEY, Pem.of(chain.toArray()),
                            CaMaterial.PRIVATE_KEY_KEY, Pem.of(keys.getPrivate()))))
                    .build(), existing);
            events.normal(server, "ServerCertificateIssued", "issued the service's TLS certificate into Secret "
                    + name + " for " + dnsNames + ", valid until " + certificate.getNotAfter().toInstant()
                    + (existing == null ? "" : " (the previous one was due for renewal, or the CA or names changed)"));
        }
        return new ServerTls(name, Optional.empty());
    }

    /** Service names as pods and clients in the cluster write them, and the Ingress host. */
    List<String> dnsNames(EstServer server) {
        OwnedNames names = OwnedNames.of(server);
        String service = names.workload();
        List<String> dns = new ArrayList<>(List.of(names.serviceHost(config.clusterDomain()), service,
                service + "." + names.namespace(), service + "." + names.namespace() + ".svc"));
        if (server.getSpec().ingress() != null && server.getSpec().ingress().host() != null) {
            dns.add(server.getSpec().ingress().host());
        }
        return dns;
    }

    private static boolean stillGood(Secret secret, CaMaterial ca, List<String> dnsNames) {
        Optional<String> pem = SecretData.text(secret, CaMaterial.CERT_KEY);
        if (pem.isEmpty() || SecretData.text(secret, CaMaterial.PRIVATE_KEY_KEY).isEmpty()) {
            return false;
        }
        try {
            X509Certificate certificate = Pem.certificates(pem.get()).getFirst();
            certificate.verify(ca.certificate().getPublicKey());
            Instant notBefore = certificate.getNotBefore().toInstant();
            Instant notAfter = certificate.getNotAfter().toInstant();
            Instant renewAt = RenewalPolicy.defaultRenewalTime(notBefore, notAfter);
            return Instant.now().isBefore(renewAt) && sans(certificate).equals(new TreeSet<>(dnsNames));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static Set<String> sans(X509Certificate certificate) throws CertificateParsingException {
        Set<String> names = new TreeSet<>();
        Collection<List<?>> all = certificate.getSubjectAlternativeNames();
        if (all != null) {
            all.forEach(entry -> names.add(String.valueOf(entry.get(1))));
        }
        return names;
    }
}
