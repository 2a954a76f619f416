package dev.estserver.operator.deviceenrollment;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import dev.estserver.operator.api.v1alpha1.DeviceEnrollment;
import dev.estserver.operator.api.v1alpha1.DeviceEnrollmentSpec;
import dev.estserver.operator.api.v1alpha1.EstServer;
import dev.estserver.operator.config.OperatorConfig;
import dev.estserver.operator.estserver.OwnedNames;
import dev.estserver.operator.kube.Cached;
import dev.estserver.operator.kube.OwnerReferences;
import dev.estserver.operator.kube.SecretData;
import dev.estserver.operator.service.AdminApi;
import dev.estserver.operator.service.BootstrapCredentialRequest;
import dev.estserver.operator.service.IssuedBootstrapCredential;
import dev.estserver.operator.service.Owner;
import dev.estserver.operator.service.RegistrationView;
import dev.estserver.operator.service.ServiceConnection;

/**
 * The bootstrap Secret of a DeviceEnrollment: a one-time HTTP Basic credential bound to the device and its label,
 * with everything the init container's enrollment script reads (one file per key). Owned by the DeviceEnrollment, so
 * Kubernetes deletes it with it.
 */
@ApplicationScoped
class BootstrapSecrets {

    // The enrollment script reads exactly these keys.
    static final String USERNAME = "username";
    static final String PASSWORD = "password";
    static final String URL = "url";
    static final String CA_BUNDLE = OwnedNames.CA_BUNDLE_KEY;
    static final String COMMON_NAME = "commonName";
    static final String DNS_NAMES = "dnsNames";
    static final String IP_ADDRESSES = "ipAddresses";
    static final String URIS = "uris";

    /** When the credential in the Secret expires (RFC 3339), so that a reusable one is replaced in time. */
    static final String EXPIRES_AT_ANNOTATION = "estserver.dev/credential-expires-at";

    private static final Logger LOG = Logger.getLogger(BootstrapSecrets.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KubernetesClient client;
    private final AdminApi api;
    private final OperatorConfig config;

    BootstrapSecrets(KubernetesClient client, AdminApi api, OperatorConfig config) {
        this.client = client;
        this.api = api;
        this.config = config;
    }

    /**
     * Issues a credential into a new Secret when the device has no Secret and either no certificate or a reusable
     * credential; replaces a reusable credential in its Secret when a third of its validity is left; and keeps the
     * non-secret keys of an existing Secret current (CA rotation, SANs). Each credential is issued with the
     * DeviceEnrollment as its owner, so the service revokes the previous one as it issues the next: a lost Secret, a
     * retry after a lost answer or a replacement never leaves two valid. A Secret of that name that another object
     * owns is left alone; one left by a deleted DeviceEnrollment of the same name is taken over.
     *
     * @param cached informer of the DeviceEnrollments' bootstrap Secrets
     * @return the username of the last credential issued (null if none ever was), and when to replace it
     */
    Handed ensure(DeviceEnrollment enrollment, DesiredEnrollment desired, DesiredEnrollment.Bootstrap bootstrap,
            EstServer server, ServiceConnection service, RegistrationView registration, Cached cached) {
        String namespace = enrollment.getMetadata().getNamespace();
        Map<String, String> published = published(enrollment.getSpec(), desired.key(), server, service.trustPem());
        Secret existing = cached.get(Secret.class, namespace, bootstrap.secretName()).orElse(null);
        String previous = enrollment.getStatus() == null ? null : enrollment.getStatus().bootstrapUsername();
        if (existing != null && isOwnedBy(existing, enrollment)) {
            Optional<Instant> replaceAt = replacementTime(existing, bootstrap);
            if (replaceAt.isEmpty() || Instant.now().isBefore(replaceAt.get())) {
                refresh(existing, published, enrollment);
                return new Handed(SecretData.text(existing, USERNAME).orElse(previous), replaceAt);
            }
            return issueInto(enrollment, desired, bootstrap, service, published, existing);
        }
        if (existing != null && !leftByPredecessor(existing, enrollment)) {
            return new Handed(previous, Optional.empty());
        }
        if (registration.currentCertificate() != null && !bootstrap.reusable()) {
            return new Handed(previous, Optional.empty());
        }
        return issueInto(enrollment, desired, bootstrap, service, published, existing);
    }

    /**
     * The credential the device was handed.
     *
     * @param username  null if none was ever issued
     * @param replaceAt when a reusable credential is to be replaced; empty for a one-time one
     */
    record Handed(String username, Optional<Instant> replaceAt) {
    }

    /** Writes a new credential into the Secret (created when {@code existing} is null); the password is seen once. */
    private Handed issueInto(DeviceEnrollment enrollment, DesiredEnrollment desired,
            DesiredEnrollment.Bootstrap bootstrap, ServiceConnection service, Map<String, String> published,
            Secret existing) {
        IssuedBootstrapCredential issued = api.issueBootstrapCredential(service, new BootstrapCredentialRequest(
                usernameFor(enrollment), desired.key().label(), desired.key().identity(),
                !bootstrap.reusable(), bootstrap.validity().toString(), Owner.of(enrollment)));
        Map<String, String> data = new LinkedHashMap<>(published);
        data.put(USERNAME, issued.username());
        data.put(PASSWORD, issued.password());
        Secret secret = secret(enrollment, bootstrap.secretName(), data, issued.expiresAt());
        try {
            if (existing == null) {
                client.secrets().inNamespace(enrollment.getMetadata().getNamespace()).resource(secret).create();
            } else {
                secret.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
                client.secrets().inNamespace(enrollment.getMetadata().getNamespace()).resource(secret).update();
            }
        } catch (KubernetesClientException e) {
            // Nobody will ever see the password: do not leave a usable credential behind.
            try {
                api.revokeBootstrapCredential(service, issued.username());
            } catch (RuntimeException revocation) {
                e.addSuppressed(revocation);
            }
            throw e;
        }
        LOG.infof("DeviceEnrollment %s/%s: issued %s bootstrap credential '%s' into Secret %s, valid until %s%s",
                enrollment.getMetadata().getNamespace(), enrollment.getMetadata().getName(),
                bootstrap.reusable() ? "a reusable" : "a one-time", issued.username(), bootstrap.secretName(),
                issued.expiresAt(), issued.replaced() == null || issued.replaced().isEmpty() ? ""
                        : "; the service revoked the ones it replaces: " + issued.replaced());
        return new Handed(issued.username(), bootstrap.reusable()
                ? Optional.of(issued.expiresAt().minus(bootstrap.replaceWhenLeft())) : Optional.empty());
    }

    /** When a reusable credential nears its end; one-time credentials are used once and never replaced in place. */
    private static Optional<Instant> replacementTime(Secret secret, DesiredEnrollment.Bootstrap bootstrap) {
        if (!bootstrap.reusable() || secret.getMetadata().getAnnotations() == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(secret.getMetadata().getAnnotations().get(EXPIRES_AT_ANNOTATION))
                .map(expiresAt -> Instant.parse(expiresAt).minus(bootstrap.replaceWhenLeft()));
    }

    /**
     * Unique per issue, so that a re-issue never collides with the revoked credential, and readable in the service's
     * audit log: {@code <namespace>.<name>.<random>} (Kubernetes names hold no ':', which Basic forbids).
     */
    private static String usernameFor(DeviceEnrollment enrollment) {
        byte[] suffix = new byte[4];
        RANDOM.nextBytes(suffix);
        return enrollment.getMetadata().getNamespace() + "." + enrollment.getMetadata().getName() + "."
                + HexFormat.of().formatHex(suffix);
    }

    private Map<String, String> published(DeviceEnrollmentSpec spec, RegistrationKey key, EstServer server,
            String trustPem) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(URL, estUrl(server, key));
        data.put(CA_BUNDLE, trustPem);
        data.put(COMMON_NAME, key.identity());
        joined(spec.dnsNames()).ifPresent(v -> data.put(DNS_NAMES, v));
        joined(spec.ipAddresses()).ifPresent(v -> data.put(IP_ADDRESSES, v));
        joined(spec.uris()).ifPresent(v -> data.put(URIS, v));
        return data;
    }

    /** The server's published endpoint, else its in-cluster Service; then the label's path. */
    private String estUrl(EstServer server, RegistrationKey key) {
        String endpoint = server.getStatus() != null && server.getStatus().endpoint() != null
                ? server.getStatus().endpoint().replaceAll("/+$", "")
                : OwnedNames.of(server).httpsBase(config.clusterDomain()) + OwnedNames.EST_PATH;
        return key.isDefaultLabel() ? endpoint : endpoint + "/" + key.label();
    }

    private static Optional<String> joined(List<String> values) {
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(String.join(",", values));
    }

    /** Rewrites the non-secret keys when they changed. */
    /**
     * Rewrites the non-secret keys when they changed, and labels a Secret written before bootstrap Secrets were
     * labelled, so that the informers see it as one.
     */
    private void refresh(Secret existing, Map<String, String> published, DeviceEnrollment enrollment) {
        Map<String, String> data = new LinkedHashMap<>(SecretData.encode(published));
        for (String kept : List.of(USERNAME, PASSWORD)) {
            if (existing.getData() != null && existing.getData().containsKey(kept)) {
                data.put(kept, existing.getData().get(kept));
            }
        }
        String name = enrollment.getMetadata().getName();
        boolean labelled = existing.getMetadata().getLabels() != null
                && name.equals(existing.getMetadata().getLabels().get(OwnedNames.BOOTSTRAP_LABEL));
        if (!data.equals(existing.getData()) || !labelled) {
            client.secrets().inNamespace(existing.getMetadata().getNamespace())
                    .withName(existing.getMetadata().getName()).edit(s -> {
                        s.setData(data);
                        Map<String, String> labels = new LinkedHashMap<>();
                        Optional.ofNullable(s.getMetadata().getLabels()).ifPresent(labels::putAll);
                        labels.put(OwnedNames.BOOTSTRAP_LABEL, name);
                        s.getMetadata().setLabels(labels);
                        return s;
                    });
        }
    }

    private static Secret secret(DeviceEnrollment enrollment, String name, Map<String, String> data,
            Instant expiresAt) {
        return new SecretBuilder().withNewMetadata().withName(name)
                .withNamespace(enrollment.getMetadata().getNamespace())
                .addToLabels(OwnedNames.MANAGED_BY_LABEL, OwnedNames.MANAGED_BY)
                .addToLabels(OwnedNames.BOOTSTRAP_LABEL, enrollment.getMetadata().getName())
                .addToAnnotations(EXPIRES_AT_ANNOTATION, String.valueOf(expiresAt))
                .addToOwnerReferences(OwnerReferences.controller(enrollment))
                .endMetadata().withType("Opaque").withData(SecretData.encode(data)).build();
    }

    private static boolean isOwnedBy(Secret secret, DeviceEnrollment enrollment) {
        return owners(secret).anyMatch(o -> enrollment.getMetadata().getUid().equals(o.getUid()));
    }

    /**
     * Owned by an earlier DeviceEnrollment of the same name (deleted and applied again): garbage collection is about
     * to delete it, and its credential was revoked with that DeviceEnrollment.
     */
    private static boolean leftByPredecessor(Secret secret, DeviceEnrollment enrollment) {
        return owners(secret).anyMatch(o -> enrollment.getKind().equals(o.getKind())
                && enrollment.getMetadata().getName().equals(o.getName()));
    }

    private static Stream<OwnerReference> owners(Secret secret) {
        return secret.getMetadata().getOwnerReferences() == null ? Stream.empty()
                : secret.getMetadata().getOwnerReferences().stream();
    }
}
