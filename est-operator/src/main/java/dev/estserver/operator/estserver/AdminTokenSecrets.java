package dev.estserver.operator.estserver;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;

import dev.estserver.operator.api.v1alpha1.EstServer;
import dev.estserver.operator.kube.SecretData;

/**
 * The admin token the operator calls the service's admin API with (role admin, 256 bits of random). The service
 * gets it from the same Secret through the environment and stores only its hash.
 */
@ApplicationScoped
public class AdminTokenSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Creates the token Secret once; later calls leave it alone. */
    void ensure(EstServer server, SecretAccess secrets) {
        String name = OwnedNames.of(server).adminToken();
        Secret existing = secrets.get(server.getMetadata().getNamespace(), name).orElse(null);
        if (SecretData.text(existing, OwnedNames.ADMIN_TOKEN_KEY).isPresent()) {
            return;
        }
        byte[] token = new byte[32];
        RANDOM.nextBytes(token);
        secrets.write(new SecretBuilder().withMetadata(Owned.metadata(server, name)).withType("Opaque")
                .withData(SecretData.encode(Map.of(OwnedNames.ADMIN_TOKEN_KEY,
                        Base64.getUrlEncoder().withoutPadding().encodeToString(token))))
                .build(), existing);
    }
}
