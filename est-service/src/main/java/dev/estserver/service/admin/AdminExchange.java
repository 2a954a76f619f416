package dev.estserver.service.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ResourceInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;

import dev.estserver.service.auth.AdminIdentity;
import dev.estserver.service.context.EnrollmentContext;

/**
 * Fills in the context of an admin call for its audit rows and log lines: the operation its method declares
 * ({@link AdminOperation}), the client address, and, once Quarkus security has admitted the call, the caller.
 */
@ApplicationScoped
public class AdminExchange {

    private final EnrollmentContext context;
    private final HttpServerRequest request;
    private final SecurityIdentity identity;

    AdminExchange(EnrollmentContext context, HttpServerRequest request, SecurityIdentity identity) {
        this.context = context;
        this.request = request;
        this.identity = identity;
    }

    /**
     * Quarkus REST checks {@code @RolesAllowed} as soon as a request is matched to its method, before any request
     * filter: a call that gets here was admitted, and a refused one never does.
     */
    @ServerRequestFilter
    public void admitted(ResourceInfo resource) {
        if (name(resource) != null) {
            context.authenticated(AdminIdentity.caller(identity));
        }
    }

    /**
     * Names the call and where it came from, for its outcome whether admitted or refused.
     *
     * @return the operation; null when the resource method is no admin call, and the context is left alone
     */
    public String name(ResourceInfo resource) {
        AdminOperation operation = resource.getResourceMethod() == null ? null
                : resource.getResourceMethod().getAnnotation(AdminOperation.class);
        if (operation == null) {
            return null;
        }
        context.from(request.remoteAddress() == null ? null : request.remoteAddress().hostAddress());
        context.at(operation.value(), null);
        return operation.value();
    }
}
