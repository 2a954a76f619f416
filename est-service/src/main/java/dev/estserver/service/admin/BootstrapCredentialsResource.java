package dev.estserver.service.admin;

import java.time.Duration;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.estserver.service.auth.BootstrapCredentials;
import dev.estserver.service.enrollment.EstExchange;
import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;
import dev.estserver.service.store.AuditLog;
import dev.estserver.service.store.EnrollmentEvent;

/** Bootstrap credentials for HTTP Basic enrollment: issue (the password is shown once), list, revoke. */
@Path("/api/v1/bootstrap-credentials")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "adminToken")
@Tag(name = "bootstrap credentials")
public class BootstrapCredentialsResource {

    private static final Duration DEFAULT_VALIDITY = Duration.ofDays(30);

    /**
     * @param username       absent: a generated one
     * @param label          the only EST label it enrolls on; absent: any label that accepts Basic
     * @param deviceIdentity the only device it enrolls (the CSR's CN, else subject, else first SAN); absent: any
     * @param oneTime        true: it enrolls one certificate only
     * @param validity       ISO-8601 duration such as {@code P7D}; absent: 30 days
     */
    public record CredentialRequest(String username, String label, String deviceIdentity, Boolean oneTime,
            String validity) {
    }

    private final AdminAccess access;
    private final BootstrapCredentials credentials;
    private final AuditLog audit;

    BootstrapCredentialsResource(AdminAccess access, BootstrapCredentials credentials, AuditLog audit) {
        this.access = access;
        this.credentials = credentials;
        this.audit = audit;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Issue a bootstrap credential; the generated password is in this answer only")
    public Response issue(CredentialRequest request, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        EstExchange exchange = access.toChange("admin.bootstrap-credentials.issue", authorization);
        CredentialRequest wanted = request == null ? new CredentialRequest(null, null, null, null, null) : request;
        exchange.at(exchange.operation(), wanted.label());
        exchange.device(wanted.deviceIdentity());
        BootstrapCredentials.Issued issued;
        try {
            issued = credentials.issue(wanted.username(), wanted.label(), wanted.deviceIdentity(),
                    Boolean.TRUE.equals(wanted.oneTime()),
                    QueryParameters.duration("validity", wanted.validity(), DEFAULT_VALIDITY));
        } catch (IllegalArgumentException e) {
            throw new RequestRejected(Problem.MALFORMED, e.getMessage());
        }
        audit.appendAlone(exchange.event(EnrollmentEvent.Outcome.CREATED, 201, null, "bootstrap credential '"
                + issued.credential().username + "' valid until " + issued.credential().expiresAt));
        return Response.status(Response.Status.CREATED)
                .entity(BootstrapCredentialView.of(issued.credential(), issued.password())).build();
    }

    @GET
    @Operation(summary = "Bootstrap credentials in id order, a page at a time; secrets are never shown")
    public Page<BootstrapCredentialView> list(@QueryParam("cursor") String cursor, @QueryParam("limit") String limit,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        access.toRead("admin.bootstrap-credentials.list", authorization);
        PageRequest page = PageRequest.of("bootstrap-credentials", cursor, limit);
        return page.page(credentials.page(page.afterId(), page.fetch()), c -> String.valueOf(c.id),
                rows -> rows.stream().map(c -> BootstrapCredentialView.of(c, null)).toList());
    }

    @POST
    @Path("{username}/revoke")
    @Operation(summary = "Revoke a bootstrap credential; certificates it enrolled stay valid")
    public BootstrapCredentialView revoke(@PathParam("username") String username,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        EstExchange exchange = access.toChange("admin.bootstrap-credentials.revoke", authorization);
        BootstrapCredentialView revoked = BootstrapCredentialView.of(credentials.revoke(username), null);
        audit.appendAlone(exchange.event(EnrollmentEvent.Outcome.REVOKED, 200, null, "bootstrap credential '"
                + username + "'"));
        return revoked;
    }
}
