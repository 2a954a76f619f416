package dev.estserver.service.admin;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
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

import dev.estserver.service.revocation.RevocationReason;

/**
 * Devices registered before they enroll, by label ({@code default} for the unlabeled path) and identity (the CSR
 * subject CN, else the whole subject, else the first SAN): what they may be issued, suspension, and removal.
 */
@Path("/api/v1/registrations/{label}/{identity}")
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
     */
    public record RegistrationRequest(List<String> allowedSans, String validity, Boolean suspended) {
    }

    private final AdminAccess access;
    private final DeviceRegistrations registrations;

    RegistrationsResource(AdminAccess access, DeviceRegistrations registrations) {
        this.access = access;
        this.registrations = registrations;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a device, or update its registration: 201 when created, 200 when updated",
            description = "Body {\"allowedSans\": [\"DNS:app.example.com\"], \"validity\": \"P90D\", "
                    + "\"suspended\": false}, every field optional. A deleted (REVOKED) device becomes PENDING "
                    + "again. Enrollments of the device are refused (403) when the CSR has a SAN outside "
                    + "allowedSans; its certificates last no longer than validity.")
    public Response register(@PathParam("label") String label, @PathParam("identity") String identity,
            RegistrationRequest request, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        DeviceRegistrations.Registered registered = registrations.register(
                access.toChange("admin.registrations.register", authorization), label, identity, request);
        return Response.status(registered.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(registered.registration()).build();
    }

    @GET
    @Operation(summary = "A registered device with its current certificate")
    public RegistrationView get(@PathParam("label") String label, @PathParam("identity") String identity,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return registrations.get(access.toRead("admin.registrations.get", authorization), label, identity);
    }

    @DELETE
    @Operation(summary = "Revoke the device's certificates and mark it deleted (REVOKED); repeating it is harmless",
            description = "Optional query parameter reason (RFC 5280 name); the default is cessationOfOperation.")
    public RegistrationView delete(@PathParam("label") String label, @PathParam("identity") String identity,
            @QueryParam("reason") String reason, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return registrations.delete(access.toChange("admin.registrations.delete", authorization), label, identity,
                RevocationRequest.reasonOr(new RevocationRequest(reason), RevocationReason.CESSATION_OF_OPERATION));
    }
}
