package dev.estserver.operator.estserver;

import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;

import dev.estserver.operator.api.v1alpha1.EstServer;

/** est-service's rendered application.properties, mounted where Quarkus reads it ({@code config/}). */
public class ServiceConfigMapDependent extends OwnedDependent<ConfigMap> {

    public ServiceConfigMapDependent() {
        super(ConfigMap.class);
    }

    @Override
    protected ConfigMap desired(EstServer server, Context<EstServer> context) {
        return new ConfigMapBuilder().withMetadata(Owned.metadata(server, OwnedNames.of(server).config()))
                .withData(Map.of(OwnedNames.CONFIG_KEY, RenderInputs.of(context).config())).build();
    }
}
