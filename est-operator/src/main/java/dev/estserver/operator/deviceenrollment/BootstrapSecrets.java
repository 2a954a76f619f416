package dev.estserver.operator.deviceenrollment;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import dev.estserver.operator.api.v1alpha1.DeviceEnrollment;
import dev.estserver.operator.api.v1alpha1.DeviceEnrollmentSpec;
import dev.estserver.operator.api.v1alpha1.EstServer;
import dev.estserver.operator.config.OperatorConfig;
import dev.estserver.operator.estserver.OwnedNames;
import dev.estserver.operator.kube.OwnerReferences;
import dev.estserver.operator.kube.SecretData;
import dev.estserver.operator.service.AdminApi;
import dev.estserver.operator.service.BootstrapCredentialRequest;
import dev.estserver.operator.service.IssuedBootstrapCredential;
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
     * credential (a lost Secret's credential is revoked first); replaces a reusable credential in its Secret when a
     * third of its validity is left; and keeps the non-secret keys of an existing Secret current (CA rotation, SANs).
     * A Secret of that name that the DeviceEnrollment does not own is left alone.
     *
     * @return the username of the last credential issued, null if none ever was
     */
    String ensure(DeviceEnrollment enrollment, DesiredEnrollment desired, DesiredEnrollment.Bootstrap bootstrap,
            EstServer server, ServiceConnection service, RegistrationView registration) {
        String namespace = enrollment.getMetadata().getNamespace();
        Map<String, String> published = published(enrollment.getSpec(), desired.key(), server, service.trustPem());
        Secret existing = client.secrets().inNamespace(namespace).withName(bootstrap.secretName()).get();
        String previous = enrollment.getStatus() == null ? null : enrollment.getStatus().bootstrapUsername();
        if (existing != null) {
            if (!isOwnedBy(existing, enrollment)) {
                return previous;
            }
            String current = SecretData.text(existing, USERNAME).orElse(previous);
            if (!dueForReplacement(existing, bootstrap)) {
                refresh(existing, published);
                return current;
            }
            String replacement = issueInto(enrollment, desired, bootstrap, service, published, existing);
            revoke(enrollment, service, current, "replaced before it expires");
            return replacement;
        }
        if (registration.currentCertificate() != null && !bootstrap.reusable()) {
            return previous;
        }
        revoke(enrollment, service, previous, "its Secret " + bootstrap.secretName() + " is gone");
        return issueInto(enrollment, desired, bootstrap, service, published, null);
    }

    /** Writes a new credential into the Secret (created when {@code existing} is null); the password is seen once. */
    private String issueInto(DeviceEnrollment enrollment, DesiredEnrollment desired,
            DesiredEnrollment.Bootstrap bootstrap, ServiceConnection service, Map<String, String> published,
            Secret existing) {
        IssuedBootstrapCredential issued = api.issueBootstrapCredential(service, new BootstrapCredentialRequest(
                usernameFor(enrollment), desired.key().credentialLabel(), desired.key().identity(),
                !bootstrap.reusable(), bootstrap.validity().toString()));
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
        LOG.infof("DeviceEnrollment %s/%s: issued %s bootstrap credential '%s' into Secret %s, valid until %s",
                enrollment.getMetadata().getNamespace(), enrollment.getMetadata().getName(),
                bootstrap.reusable() ? "a reusable" : "a one-time", issued.username(), bootstrap.secretName(),
                issued.expiresAt());
        return issued.username();
    }

    private void revoke(DeviceEnrollment enrollment, ServiceConnection service, String username, String why) {
        if (username != null && api.revokeBootstrapCredential(service, username)) {
            LOG.infof("DeviceEnrollment %s/%s: revoked bootstrap credential '%s': %s",
                    enrollment.getMetadata().getNamespace(), enrollment.getMetadata().getName(), username, why);
        }
    }

    /** A reusable credential nearing its end; one-time credentials are used once and never replaced in place. */
    private static boolean dueForReplacement(Secret secret, DesiredEnrollment.Bootstrap bootstrap) {
        if (!bootstrap.reusable() || secret.getMetadata().getAnnotations() == null) {
            return false;
        }
        String expiresAt = secret.getMetadata().getAnnotations().get(EXPIRES_AT_ANNOTATION);
        return expiresAt != null
                && !Instant.now().isBefore(Instant.parse(expiresAt).minus(bootstrap.replaceWhenLeft()));
    }

    /** The username of the last credential issued, from the Secret or else the status; empty if none. */
    Optional<String> lastUsername(DeviceEnrollment enrollment) {
        Secret secret = client.secrets().inNamespace(enrollment.getMetadata().getNamespace())
                .withName(DesiredEnrollment.bootstrapSecretName(enrollment)).get();
        return Optional.ofNullable(secret).filter(s -> isOwnedBy(s, enrollment)).flatMap(s -> SecretData.text(s, USERNAME))
                .or(() -> Optional.ofNullable(enrollment.getStatus()).map(s -> s.bootstrapUsername()));
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
    private void refresh(Secret existing, Map<String, String> published) {
        Map<String, String> data = new LinkedHashMap<>(SecretData.encode(published));
        for (String kept : List.of(USERNAME, PASSWORD)) {
            if (existing.getData() != null && existing.getData().containsKey(kept)) {
                data.put(kept, existing.getData().get(kept));
            }
        }
        if (!data.equals(existing.getData())) {
            client.secrets().inNamespace(existing.getMetadata().getNamespace())
                    .withName(existing.getMetadata().getName()).edit(s -> {
                        s.setData(data);
                        return s;
                    });
        }
    }

    private static Secret secret(DeviceEnrollment enrollment, String name, Map<String, String> data,
            Instant expiresAt) {
        return new SecretBuilder().withNewMetadata().withName(name)
                .withNamespace(enrollment.getMetadata().getNamespace())
                .addToLabels(OwnedNames.MANAGED_BY_LABEL, OwnedNames.MANAGED_BY)
                .addToAnnotations(EXPIRES_AT_ANNOTATION, String.valueOf(expiresAt))
                .addToOwnerReferences(OwnerReferences.controller(enrollment))
                .endMetadata().withType("Opaque").withData(SecretData.encode(data)).build();
    }

    private static boolean isOwnedBy(Secret secret, DeviceEnrollment enrollment) {
        return secret.getMetadata().getOwnerReferences() != null && secret.getMetadata().getOwnerReferences().stream()
                .anyMatch(o -> enrollment.getMetadata().getUid().equals(o.getUid()));
    }
}
