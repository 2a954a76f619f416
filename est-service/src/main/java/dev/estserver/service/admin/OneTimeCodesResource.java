package dev.estserver.service.admin;

import java.time.Duration;
import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.estserver.service.auth.OneTimeCodes;
import dev.estserver.service.context.EnrollmentContext;
import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;
import dev.estserver.service.store.AdminRole;
import dev.estserver.service.store.AuditLog;
import dev.estserver.service.store.Credential;
import dev.estserver.service.store.EnrollmentEvent;

/**
 * One-time enrollment codes (RFC 7894 otpChallenge): the code is shown in this response only; the database keeps
 * its hash.
 */
@Path("/api/v1/one-time-codes")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "adminToken")
@Tag(name = "one-time codes")
public class OneTimeCodesResource {

    private static final Duration DEFAULT_VALIDITY = Duration.ofDays(7);

    /**
     * @param label          the EST label the code enrolls on; absent: any label that accepts one-time codes
     * @param deviceIdentity the only device it enrolls (the CSR's CN, else subject, else first SAN); absent: any
     * @param validity       ISO-8601 duration such as {@code P7D}; absent: 7 days
     */
    public record CodeRequest(String label, String deviceIdentity, String validity) {
    }

    /** A code as the list shows it: never the code itself. */
    public record CodeView(long id, String label, String deviceIdentity, Instant expiresAt, Instant usedAt,
            Instant revokedAt, Instant createdAt) {

        static CodeView of(Credential c) {
            return new CodeView(c.id, c.label, c.deviceIdentity, c.expiresAt, c.usedAt, c.revokedAt, c.createdAt);
        }
    }

    /** The issued code, shown once. */
    public record IssuedCode(long id, String code, String label, String deviceIdentity, Instant expiresAt) {
    }

    private final EnrollmentContext context;
    private final OneTimeCodes codes;
    private final AuditLog audit;

    OneTimeCodesResource(EnrollmentContext context, OneTimeCodes codes, AuditLog audit) {
        this.context = context;
        this.codes = codes;
        this.audit = audit;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @AdminOperation("admin.one-time-codes.issue")
    @RolesAllowed(AdminRole.Names.ADMIN)
    public Response issue(CodeRequest request) {
        CodeRequest wanted = request == null ? new CodeRequest(null, null, null) : request;
        context.at(context.operation(), wanted.label());
        context.device(wanted.deviceIdentity());
        OneTimeCodes.Issued issued;
        try {
            issued = codes.issue(wanted.label(), wanted.deviceIdentity(),
                    QueryParameters.duration("validity", wanted.validity(), DEFAULT_VALIDITY));
        } catch (IllegalArgumentException e) {
            throw new RequestRejected(Problem.MALFORMED, e.getMessage());
        }
        audit.appendAlone(context.event(EnrollmentEvent.Outcome.CREATED, 201, null, "one-time code " + issued.id()
                + " valid until " + issued.expiresAt()));
        return Response.status(Response.Status.CREATED).entity(new IssuedCode(issued.id(), issued.code(),
                wanted.label(), wanted.deviceIdentity(), issued.expiresAt())).build();
    }

    @GET
    @Operation(summary = "One-time codes in id order, a page at a time; the codes themselves are never shown")
    @AdminOperation("admin.one-time-codes.list")
    @RolesAllowed({AdminRole.Names.ADMIN, AdminRole.Names.AUDITOR})
    public Page<CodeView> list(@QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        PageRequest page = PageRequest.of("one-time-codes", cursor, limit);
        return page.page(codes.page(page.afterId(), page.fetch()), c -> String.valueOf(c.id),
                rows -> rows.stream().map(CodeView::of).toList());
    }

    @POST
    @Path("{id}/revoke")
    @Operation(summary = "Revoke an unused one-time code")
    @AdminOperation("admin.one-time-codes.revoke")
    @RolesAllowed(AdminRole.Names.ADMIN)
    public CodeView revoke(@PathParam("id") long id) {
        CodeView revoked = CodeView.of(codes.revoke(id));
        audit.appendAlone(context.event(EnrollmentEvent.Outcome.REVOKED, 200, null, "one-time code " + id));
        return revoked;
    }
}
