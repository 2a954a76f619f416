package dev.estserver.operator.service;

import java.net.URI;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;

import dev.estserver.operator.api.v1alpha1.EstServer;
import dev.estserver.operator.config.OperatorConfig;
import dev.estserver.operator.estserver.OwnedNames;
import dev.estserver.operator.kube.Cached;
import dev.estserver.operator.kube.SecretData;

/** Finds where an EstServer's service listens, and the token and trust to call it with. */
@ApplicationScoped
public class ServiceConnections {

    private final OperatorConfig config;

    ServiceConnections(OperatorConfig config) {
        this.config = config;
    }

    /**
     * @param cached informers of Secrets and ConfigMaps that see the server's admin token and CA bundle
     * @return empty while the operator has not yet written the server's admin token and CA bundle
     */
    public Optional<ServiceConnection> of(EstServer server, Cached cached) {
        OwnedNames names = OwnedNames.of(server);
        Secret token = cached.get(Secret.class, names.namespace(), names.adminToken()).orElse(null);
        Optional<String> adminToken = SecretData.text(token, OwnedNames.ADMIN_TOKEN_KEY);
        ConfigMap bundle = cached.get(ConfigMap.class, names.namespace(), names.caBundle()).orElse(null);
        if (adminToken.isEmpty() || bundle == null || bundle.getData() == null
                || !bundle.getData().containsKey(OwnedNames.CA_BUNDLE_KEY)) {
            return Optional.empty();
        }
        URI https = URI.create(config.serviceUrlOverride().orElse(names.httpsBase(config.clusterDomain())));
        URI management = URI.create(config.managementUrlOverride()
                .orElse(names.managementBase(config.clusterDomain())));
        return Optional.of(new ServiceConnection(https, management, adminToken.get(),
                bundle.getData().get(OwnedNames.CA_BUNDLE_KEY)));
    }
}
