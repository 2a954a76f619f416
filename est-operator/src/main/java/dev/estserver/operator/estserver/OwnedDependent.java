package dev.estserver.operator.estserver;

import java.util.Optional;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;

import dev.estserver.operator.api.v1alpha1.EstServer;
import dev.estserver.operator.kube.SetFieldsMatcher;

/**
 * An object the operator writes for an EstServer, written again only when a field the operator sets differs from
 * what the API server returns ({@link SetFieldsMatcher}). The generic matcher found differences in every object a
 * real API server had defaulted, and rewrote the Deployment on each resync, colliding now and then with the
 * Deployment controller.
 */
abstract class OwnedDependent<R extends HasMetadata> extends CRUDKubernetesDependentResource<R, EstServer> {

    private static final Logger LOG = Logger.getLogger(OwnedDependent.class);

    OwnedDependent(Class<R> type) {
        super(type);
    }

    @Override
    public Matcher.Result<R> match(R actual, R desired, EstServer server, Context<EstServer> context) {
        Optional<String> difference = SetFieldsMatcher.firstDifference(desired, actual,
                context.getClient().getKubernetesSerialization());
        difference.ifPresent(path -> LOG.infof("EstServer %s/%s: updating %s %s, which differs at %s",
                server.getMetadata().getNamespace(), server.getMetadata().getName(), actual.getKind(),
                actual.getMetadata().getName(), path));
        return Matcher.Result.computed(difference.isEmpty(), desired);
    }
}
