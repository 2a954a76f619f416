package dev.estserver.service.admin;

import jakarta.annotation.security.RolesAllowed;
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

import dev.estserver.service.context.EnrollmentContext;
import dev.estserver.service.store.AdminRole;
import dev.estserver.service.store.CertificateFilter;
import dev.estserver.service.store.CertificateRecord;

/** Issued certificates: list, inspect, download as PEM, revoke. */
@Path("/api/v1/certificates")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "adminToken")
@Tag(name = "certificates")
public class CertificatesResource {

    /** The media type of a PEM download. */
    public static final String PEM = "application/x-pem-file";

    private final EnrollmentContext context;
    private final CertificateAdministration certificates;

    CertificatesResource(EnrollmentContext context, CertificateAdministration certificates) {
        this.context = context;
        this.certificates = certificates;
    }

    @GET
    @Operation(summary = "Certificates in serial order, a page at a time",
            description = "Filters: label, status (good, revoked), expiringBefore (ISO-8601 instant), q (device "
                    + "identity prefix), deviceId. Pass the nextCursor of a page as cursor for the next one.")
    @AdminOperation("admin.certificates.list")
    @RolesAllowed({AdminRole.Names.ADMIN, AdminRole.Names.AUDITOR})
    public Page<CertificateView> list(@QueryParam("label") String label, @QueryParam("status") String status,
            @QueryParam("expiringBefore") String expiringBefore, @QueryParam("q") String identityPrefix,
            @QueryParam("deviceId") String deviceId, @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limit) {
        CertificateFilter filter = new CertificateFilter(QueryParameters.text(label),
                QueryParameters.oneOf("status", status, CertificateRecord.Status.class),
                QueryParameters.instant("expiringBefore", expiringBefore), QueryParameters.text(identityPrefix),
                QueryParameters.number("deviceId", deviceId));
        return certificates.list(filter, PageRequest.of("certificates", cursor, limit));
    }

    @GET
    @Path("{serial}")
    @Produces({MediaType.APPLICATION_JSON, PEM})
    @Operation(summary = "A certificate as JSON, or as PEM with Accept: application/x-pem-file")
    @AdminOperation("admin.certificates.get")
    @RolesAllowed({AdminRole.Names.ADMIN, AdminRole.Names.AUDITOR})
    public Response get(@PathParam("serial") String serial, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        if (accept != null && accept.contains(PEM)) {
            return pem(serial);
        }
        return Response.ok(certificates.get(serial)).header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON)
                .build();
    }

    @GET
    @Path("{serial}/pem")
    @Produces(PEM)
    @Operation(summary = "A certificate as PEM")
    @AdminOperation("admin.certificates.pem")
    @RolesAllowed({AdminRole.Names.ADMIN, AdminRole.Names.AUDITOR})
    public Response pem(@PathParam("serial") String serial) {
        return Response.ok(certificates.pem(serial)).header(HttpHeaders.CONTENT_TYPE, PEM).build();
    }

    @POST
    @Path("{serial}/revoke")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Revoke a certificate with an RFC 5280 reason",
            description = "Body {\"reason\": \"keyCompromise\"}; names: unspecified, keyCompromise, cACompromise, "
                    + "affiliationChanged, superseded, cessationOfOperation, privilegeWithdrawn, aACompromise.")
    @AdminOperation("admin.certificates.revoke")
    @RolesAllowed(AdminRole.Names.ADMIN)
    public CertificateView revoke(@PathParam("serial") String serial, RevocationRequest request) {
        return certificates.revoke(context, serial, RevocationRequest.required(request));
    }
}
