package dev.estserver.service.admin;

import java.time.Duration;
import java.util.List;

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

import dev.estserver.service.auth.BootstrapCredentials;
import dev.estserver.service.context.EnrollmentContext;
import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;
import dev.estserver.service.store.AdminRole;
import dev.estserver.service.store.AuditLog;
import dev.estserver.service.store.Credential;
import dev.estserver.service.store.EnrollmentEvent;
import dev.estserver.service.store.Owner;

/**
 * Bootstrap credentials for HTTP Basic enrollment: issue (the password is shown once), list, revoke one, or revoke
 * every one issued for an owner.
 */
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
     * @param owner          whom it is for, such as the DeviceEnrollment the operator issues it for: it replaces
     *                       (revokes) the unrevoked credentials issued earlier for the same owner uid; absent: nobody
     */
    public record CredentialRequest(String username, String label, String deviceIdentity, Boolean oneTime,
            String validity, Owner owner) {
    }

    /** @param ownerUid the uid of the owner whose bootstrap credentials are revoked */
    public record OwnerRevocation(String ownerUid) {
    }

    /** @param revoked the usernames of the credentials revoked; empty when the owner had none left unrevoked */
    public record RevokedCredentials(List<String> revoked) {
    }

    private final EnrollmentContext context;
    private final BootstrapCredentials credentials;
    private final AuditLog audit;

    BootstrapCredentialsResource(EnrollmentContext context, BootstrapCredentials credentials, AuditLog audit) {
        this.context = context;
        this.credentials = credentials;
        this.audit = audit;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Issue a bootstrap credential; the generated password is in this answer only",
            description = "With an owner {\"name\", \"uid\"}, the unrevoked credentials issued earlier for the "
                    + "same owner uid are revoked in the same transaction and named in replaced, so that a retry "
                    + "after a lost answer leaves one valid credential. An issue that began before a later one for "
                    + "the same owner committed is refused (409) and issues nothing.")
    @AdminOperation("admin.bootstrap-credentials.issue")
    @RolesAllowed(AdminRole.Names.ADMIN)
    public Response issue(CredentialRequest request) {
        CredentialRequest wanted = request == null ? new CredentialRequest(null, null, null, null, null, null)
                : request;
        context.at(context.operation(), wanted.label());
        context.device(wanted.deviceIdentity());
        Owner owner = wanted.owner() == null ? null : wanted.owner().requireComplete("owner");
        BootstrapCredentials.Issued issued;
        try {
            issued = credentials.issue(wanted.username(), wanted.label(), wanted.deviceIdentity(),
                    Boolean.TRUE.equals(wanted.oneTime()),
                    QueryParameters.duration("validity", wanted.validity(), DEFAULT_VALIDITY), owner);
        } catch (IllegalArgumentException e) {
            throw new RequestRejected(Problem.MALFORMED, e.getMessage());
        }
        Credential credential = issued.credential();
        audit.appendAlone(context.event(EnrollmentEvent.Outcome.CREATED, 201, null, "bootstrap credential '"
                + credential.username + "' valid until " + credential.expiresAt + ownedBy(credential)));
        auditRevoked(context, 201, issued.replaced(), " replaced by '" + credential.username + "'");
        return Response.status(Response.Status.CREATED).entity(BootstrapCredentialView.issued(issued)).build();
    }

    @GET
    @Operation(summary = "Bootstrap credentials in id order, a page at a time; secrets are never shown")
    @AdminOperation("admin.bootstrap-credentials.list")
    @RolesAllowed({AdminRole.Names.ADMIN, AdminRole.Names.AUDITOR})
    public Page<BootstrapCredentialView> list(@QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        PageRequest page = PageRequest.of("bootstrap-credentials", cursor, limit);
        return page.page(credentials.page(page.afterId(), page.fetch()), c -> String.valueOf(c.id),
                rows -> rows.stream().map(BootstrapCredentialView::of).toList());
    }

    @POST
    @Path("{username}/revoke")
    @Operation(summary = "Revoke a bootstrap credential; certificates it enrolled stay valid")
    @AdminOperation("admin.bootstrap-credentials.revoke")
    @RolesAllowed(AdminRole.Names.ADMIN)
    public BootstrapCredentialView revoke(@PathParam("username") String username) {
        BootstrapCredentialView revoked = BootstrapCredentialView.of(credentials.revoke(username));
        audit.appendAlone(context.event(EnrollmentEvent.Outcome.REVOKED, 200, null, "bootstrap credential '"
                + username + "'"));
        return revoked;
    }

    @POST
    @Path("revoke")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Revoke every bootstrap credential issued for an owner; repeating it is harmless",
            description = "Body {\"ownerUid\": \"...\"}. Answers the usernames revoked, an empty list when the "
                    + "owner has none left. Certificates they enrolled stay valid.")
    @AdminOperation("admin.bootstrap-credentials.revoke-by-owner")
    @RolesAllowed(AdminRole.Names.ADMIN)
    public RevokedCredentials revokeOwnedBy(OwnerRevocation request) {
        String ownerUid = request == null ? null : QueryParameters.text(request.ownerUid());
        if (ownerUid == null) {
            throw new RequestRejected(Problem.MALFORMED, "ownerUid is required and must not be blank, got "
                    + (request == null || request.ownerUid() == null ? "none" : "'" + request.ownerUid() + "'")
                    + "; send {\"ownerUid\": \"<the owner's uid>\"}");
        }
        List<Credential> revoked = credentials.revokeOwnedBy(ownerUid);
        auditRevoked(context, 200, revoked, "");
        return new RevokedCredentials(revoked.stream().map(c -> c.username).toList());
    }

    /** One audit row per credential, as a single revocation writes: each can be found by its username. */
    private void auditRevoked(EnrollmentContext context, int status, List<Credential> revoked, String how) {
        revoked.forEach(c -> audit.appendAlone(context.event(EnrollmentEvent.Outcome.REVOKED, status, null,
                "bootstrap credential '" + c.username + "'" + how + ownedBy(c))));
    }

    private static String ownedBy(Credential credential) {
        return credential.owner == null ? "" : ", owner " + credential.owner.describe();
    }
}
