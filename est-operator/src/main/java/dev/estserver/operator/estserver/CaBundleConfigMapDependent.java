package dev.estserver.operator.estserver;

import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;

import dev.estserver.operator.api.v1alpha1.EstServer;

/**
 * The certificates EST clients trust explicitly (RFC 7030 §3.6.1 bootstrap without /cacerts guessing): the current
 * CA chain plus, during a rotation, the next or previous CA, and the server certificate's CA when it is another.
 */
public class CaBundleConfigMapDependent extends OwnedDependent<ConfigMap> {

    public CaBundleConfigMapDependent() {
        super(ConfigMap.class);
    }

    @Override
    protected ConfigMap desired(EstServer server, Context<EstServer> context) {
        return new ConfigMapBuilder().withMetadata(Owned.metadata(server, OwnedNames.of(server).caBundle()))
                .withData(Map.of(OwnedNames.CA_BUNDLE_KEY, RenderInputs.of(context).caBundle())).build();
    }
}
