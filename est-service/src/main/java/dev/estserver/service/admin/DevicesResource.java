package dev.estserver.service.admin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.estserver.service.context.EnrollmentContext;
import dev.estserver.service.revocation.RevocationReason;
import dev.estserver.service.store.AdminRole;
import dev.estserver.service.store.Device;
import dev.estserver.service.store.DeviceFilter;

/** The devices the service knows: list, inspect, suspend, resume, reset and delete. */
@Path("/api/v1/devices")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "adminToken")
@Tag(name = "devices")
public class DevicesResource {

    private final EnrollmentContext context;
    private final DeviceAdministration devices;

    DevicesResource(EnrollmentContext context, DeviceAdministration devices) {
        this.context = context;
        this.devices = devices;
    }

    @GET
    @Operation(summary = "Devices in id order, a page at a time",
            description = "Filters: label, status, expiringBefore (current certificate ends before this ISO-8601 "
                    + "instant), q (identity prefix). Pass the nextCursor of a page as cursor for the next one.")
    @AdminOperation("admin.devices.list")
    @RolesAllowed({AdminRole.Names.ADMIN, AdminRole.Names.AUDITOR})
    public Page<DeviceView> list(@QueryParam("label") String label, @QueryParam("status") String status,
            @QueryParam("expiringBefore") String expiringBefore, @QueryParam("q") String identityPrefix,
            @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        DeviceFilter filter = new DeviceFilter(QueryParameters.text(label),
                QueryParameters.oneOf("status", status, Device.Status.class),
                QueryParameters.instant("expiringBefore", expiringBefore), QueryParameters.text(identityPrefix));
        return devices.list(filter, PageRequest.of("devices", cursor, limit));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A device with its certificate history, newest first")
    @AdminOperation("admin.devices.get")
    @RolesAllowed({AdminRole.Names.ADMIN, AdminRole.Names.AUDITOR})
    public DeviceDetail get(@PathParam("id") long id) {
        return devices.get(id);
    }

    @POST
    @Path("{id}/suspend")
    @Operation(summary = "Stop the device from enrolling and re-enrolling; its certificates stay valid")
    @AdminOperation("admin.devices.suspend")
    @RolesAllowed(AdminRole.Names.ADMIN)
    public DeviceDetail suspend(@PathParam("id") long id) {
        return devices.suspend(context, id);
    }

    @POST
    @Path("{id}/resume")
    @Operation(summary = "Let a suspended device enroll and re-enroll again")
    @AdminOperation("admin.devices.resume")
    @RolesAllowed(AdminRole.Names.ADMIN)
    public DeviceDetail resume(@PathParam("id") long id) {
        return devices.resume(context, id);
    }

    @POST
    @Path("{id}/reset")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Revoke the device's certificates and allow a fresh /simpleenroll",
            description = "Optional body {\"reason\": \"keyCompromise\"}; the default reason is superseded.")
    @AdminOperation("admin.devices.reset")
    @RolesAllowed(AdminRole.Names.ADMIN)
    public DeviceDetail reset(@PathParam("id") long id, RevocationRequest request) {
        return devices.reset(context, id, RevocationRequest.reasonOr(request, RevocationReason.SUPERSEDED));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Revoke the device's certificates and mark it deleted (REVOKED); history and audit stay",
            description = "Optional query parameter reason (RFC 5280 name); the default is cessationOfOperation.")
    @AdminOperation("admin.devices.delete")
    @RolesAllowed(AdminRole.Names.ADMIN)
    public DeviceDetail delete(@PathParam("id") long id, @QueryParam("reason") String reason) {
        return devices.delete(context, id,
                RevocationRequest.reasonOr(new RevocationRequest(reason), RevocationReason.CESSATION_OF_OPERATION));
    }
}
