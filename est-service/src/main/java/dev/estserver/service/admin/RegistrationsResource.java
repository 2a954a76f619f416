package dev.estserver.service.admin;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.estserver.service.context.EnrollmentContext;
import dev.estserver.service.revocation.RevocationReason;
import dev.estserver.service.store.AdminRole;
import dev.estserver.service.store.Owner;

/**
 * Devices registered before they enroll, by label ({@code default} for the unlabeled path) and identity (the CSR
 * subject CN, else the whole subject, else the first SAN): what they may be issued, suspension, their owner, and
 * removal; and the registrations changed since a time, so that a client follows many devices without a call for each.
 */
@Path("/api/v1/registrations")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "adminToken")
@Tag(name = "registrations")
public class RegistrationsResource {

    /**
     * @param allowedSans the only SANs the device may have, such as {@code DNS:app.example.com}, {@code IP:10.0.0.7},
     *                    {@code URI:spiffe://x/y}, {@code email:a@b.c}; absent: the profile's rules only; empty: none
     * @param validity    ISO-8601 duration such as {@code P90D}: the longest validity of its certificates (the
     *                    profile's when shorter); absent: the profile's
     * @param suspended   true: the device may not enroll or re-enroll; false: it may again; absent: unchanged
     * @param owner       whom the registration is for, such as the DeviceEnrollment the operator registers it for: a
     *                    registration of another owner name is refused (409); absent: the recorded owner stays
     */
    public record RegistrationRequest(List<String> allowedSans, String validity, Boolean suspended, Owner owner) {
    }

    private final EnrollmentContext context;
    private final DeviceRegistrations registrations;

    RegistrationsResource(EnrollmentContext context, DeviceRegistrations registrations) {
        this.context = context;
        this.registrations = registrations;
    }

    @GET
    @Operation(summary = "Registrations changed at or after changedSince, oldest change first, a page at a time",
            description = "changedSince: RFC 3339 instant; absent: every registration. A change is anything the "
                    + "registration shows, a revocation of its current certificate included. Pass the nextCursor of "
                    + "a page as cursor for the next one. Ask again with changedSince a few seconds before the "
                    + "answer's asOf: changes are stamped when written, not when committed.")
    @AdminOperation("admin.registrations.changes")
    @RolesAllowed({AdminRole.Names.ADMIN, AdminRole.Names.AUDITOR})
    public ChangesPage changes(@QueryParam("changedSince") String changedSince, @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limit) {
        return registrations.changes(QueryParameters.instant("changedSince", changedSince),
                PageRequest.of("registrations", cursor, limit));
    }

    @PUT
    @Path("{label}/{identity}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a device, or update its registration: 201 when created, 200 when updated",
            description = "Body {\"allowedSans\": [\"DNS:app.example.com\"], \"validity\": \"P90D\", "
                    + "\"suspended\": false, \"owner\": {\"name\": \"DeviceEnrollment apps/a1\", \"uid\": "
                    + "\"...\"}}, every field optional. A deleted (REVOKED) device becomes PENDING again. "
                    + "Enrollments of the device are refused (403) when the CSR has a SAN outside allowedSans; its "
                    + "certificates last no longer than validity. A registration without owner is adopted by the "
                    + "owner given; one of another owner name is refused (409); the same name with a new uid (the "
                    + "owner re-created) takes the new uid.")
    @AdminOperation("admin.registrations.register")
    @RolesAllowed(AdminRole.Names.ADMIN)
    public Response register(@PathParam("label") String label, @PathParam("identity") String identity,
            RegistrationRequest request) {
        DeviceRegistrations.Registered registered = registrations.register(context, label, identity, request);
        return Response.status(registered.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(registered.registration()).build();
    }

    @GET
    @Path("{label}/{identity}")
    @Operation(summary = "A registered device with its owner and current certificate")
    @AdminOperation("admin.registrations.get")
    @RolesAllowed({AdminRole.Names.ADMIN, AdminRole.Names.AUDITOR})
    public RegistrationView get(@PathParam("label") String label, @PathParam("identity") String identity) {
        return registrations.get(context, label, identity);
    }

    @DELETE
    @Path("{label}/{identity}")
    @Operation(summary = "Revoke the device's certificates and mark it deleted (REVOKED); repeating it is harmless",
            description = "Optional query parameters reason (RFC 5280 name; the default is cessationOfOperation) "
                    + "and ownerUid: the uid of the owner deleting it; a registration recorded for another owner uid "
                    + "is refused (409) and nothing is revoked.")
    @AdminOperation("admin.registrations.delete")
    @RolesAllowed(AdminRole.Names.ADMIN)
    public RegistrationView delete(@PathParam("label") String label, @PathParam("identity") String identity,
            @QueryParam("reason") String reason, @QueryParam("ownerUid") String ownerUid) {
        return registrations.delete(context, label, identity,
                RevocationRequest.reasonOr(new RevocationRequest(reason), RevocationReason.CESSATION_OF_OPERATION),
                QueryParameters.text(ownerUid));
    }
}
