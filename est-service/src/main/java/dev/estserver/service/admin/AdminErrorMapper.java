package dev.estserver.service.admin;

import java.lang.reflect.Method;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

import dev.estserver.service.auth.AdminAuthenticationMechanism;
import dev.estserver.service.auth.AdminIdentity;
import dev.estserver.service.http.ProblemStatus;
import dev.estserver.service.http.Refusals;
import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;

/**
 * The admin API's refusals by Quarkus security, which checks each admin resource method's {@code @RolesAllowed}:
 * 401 with the Bearer challenge, 403 naming the role the call requires, 429 with Retry-After while the client address
 * is locked out. Each names its call ({@link AdminOperation}) and is logged and recorded like every refusal
 * ({@link Refusals}); Quarkus refuses on the event loop, so the audit row is written off it. Only admin resource
 * methods declare roles, so only admin calls are refused here.
 */
public class AdminErrorMapper {

    private final AdminExchange calls;
    private final Refusals refusals;
    private final SecurityIdentity identity;

    AdminErrorMapper(AdminExchange calls, Refusals refusals, SecurityIdentity identity) {
        this.calls = calls;
        this.refusals = refusals;
        this.identity = identity;
    }

    /** Credentials were sent and refused: the admin identity providers carry their refusal as the cause. */
    @ServerExceptionMapper
    public Uni<Response> unauthenticated(AuthenticationFailedException e, ResourceInfo resource) {
        RequestRejected rejection = e.getCause() instanceof RequestRejected cause ? cause
                : new RequestRejected(Problem.UNAUTHENTICATED, "admin authentication failed: " + e.getMessage());
        return refuse(resource, rejection);
    }

    /** No credentials were sent: the caller is anonymous. */
    @ServerExceptionMapper
    public Uni<Response> anonymous(UnauthorizedException e, ResourceInfo resource) {
        return refuse(resource, new RequestRejected(Problem.UNAUTHENTICATED,
                "admin API requires 'Authorization: Bearer <admin token>'"));
    }

    /** The caller's role is not among those the method admits. */
    @ServerExceptionMapper
    public Uni<Response> forbidden(ForbiddenException e, ResourceInfo resource) {
        return refuse(resource, new RequestRejected(Problem.FORBIDDEN, roleRefusal(identity, resource)));
    }

    /**
     * Why the caller's role does not admit the resource method, the same on every front:
     * {@code admin token 'audit' has role auditor; admin.devices.suspend requires role admin}.
     */
    public static String roleRefusal(SecurityIdentity identity, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        RolesAllowed allowed = method.getAnnotation(RolesAllowed.class);
        AdminOperation operation = method.getAnnotation(AdminOperation.class);
        String needs = allowed == null ? " is denied to every role" : " requires role "
                + String.join(" or ", allowed.value());
        return AdminIdentity.description(identity) + "; " + (operation == null ? method.getName() : operation.value())
                + needs;
    }

    private Uni<Response> refuse(ResourceInfo resource, RequestRejected rejection) {
        calls.name(resource);
        int status = ProblemStatus.of(rejection.problem());
        Response.ResponseBuilder response = Refusals.text(status, rejection.getMessage());
        if (rejection.problem() == Problem.UNAUTHENTICATED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, AdminAuthenticationMechanism.CHALLENGE);
        }
        rejection.retryAfter().ifPresent(wait -> response.header(HttpHeaders.RETRY_AFTER,
                Refusals.retryAfterSeconds(wait)));
        return refusals.rejectFromEventLoop(status, rejection.getMessage(), response);
    }
}
