package dev.estserver.operator.estserver;

import io.javaoperatorsdk.operator.api.reconciler.Context;

import dev.estserver.operator.api.v1alpha1.EstServer;

/**
 * What the reconciler worked out before the owned objects are rendered: the dependents read it from the context.
 *
 * @param config          the service's application.properties
 * @param caBundle        PEM certificates clients trust
 * @param podTemplateHash SHA-256 over the configuration and every Secret value the pods read: a rotated CA,
 *                        server certificate or database password changes it and so rolls the pods
 * @param endpoint        the EST base URL clients use
 * @param image           the est-service image: the spec's, else the operator's default
 */
public record RenderInputs(CaMaterial ca, ServerTls tls, String config, String caBundle, String podTemplateHash,
        String endpoint, String image) {

    private static final String KEY = RenderInputs.class.getName();

    void putInto(Context<EstServer> context) {
        context.managedWorkflowAndDependentResourceContext().put(KEY, this);
    }

    static RenderInputs of(Context<EstServer> context) {
        return context.managedWorkflowAndDependentResourceContext().getMandatory(KEY, RenderInputs.class);
    }
}
