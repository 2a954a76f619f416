package dev.estserver.service.admin;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.estserver.service.revocation.RevocationReason;
import dev.estserver.service.store.Device;
import dev.estserver.service.store.DeviceFilter;

/** The devices the service knows: list, inspect, suspend, resume, reset and delete. */
@Path("/api/v1/devices")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "adminToken")
@Tag(name = "devices")
public class DevicesResource {

    private final AdminAccess access;
    private final DeviceAdministration devices;

    DevicesResource(AdminAccess access, DeviceAdministration devices) {
        this.access = access;
        this.devices = devices;
    }

    @GET
    @Operation(summary = "Devices in id order, a page at a time",
            description = "Filters: label, status, expiringBefore (current certificate ends before this ISO-8601 "
                    + "instant), q (identity prefix). Pass the nextCursor of a page as cursor for the next one.")
    public Page<DeviceView> list(@QueryParam("label") String label, @QueryParam("status") String status,
            @QueryParam("expiringBefore") String expiringBefore, @QueryParam("q") String identityPrefix,
            @QueryParam("cursor") String cursor, @QueryParam("limit") String limit,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        access.toRead("admin.devices.list", authorization);
        DeviceFilter filter = new DeviceFilter(QueryParameters.text(label),
                QueryParameters.oneOf("status", status, Device.Status.class),
                QueryParameters.instant("expiringBefore", expiringBefore), QueryParameters.text(identityPrefix));
        return devices.list(filter, PageRequest.of("devices", cursor, limit));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A device with its certificate history, newest first")
    public DeviceDetail get(@PathParam("id") long id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        access.toRead("admin.devices.get", authorization);
        return devices.get(id);
    }

    @POST
    @Path("{id}/suspend")
    @Operation(summary = "Stop the device from enrolling and re-enrolling; its certificates stay valid")
    public DeviceDetail suspend(@PathParam("id") long id,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return devices.suspend(access.toChange("admin.devices.suspend", authorization), id);
    }

    @POST
    @Path("{id}/resume")
    @Operation(summary = "Let a suspended device enroll and re-enroll again")
    public DeviceDetail resume(@PathParam("id") long id,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return devices.resume(access.toChange("admin.devices.resume", authorization), id);
    }

    @POST
    @Path("{id}/reset")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Revoke the device's certificates and allow a fresh /simpleenroll",
            description = "Optional body {\"reason\": \"keyCompromise\"}; the default reason is superseded.")
    public DeviceDetail reset(@PathParam("id") long id, RevocationRequest request,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return devices.reset(access.toChange("admin.devices.reset", authorization), id,
                RevocationRequest.reasonOr(request, RevocationReason.SUPERSEDED));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Revoke the device's certificates and mark it deleted (REVOKED); history and audit stay",
            description = "Optional query parameter reason (RFC 5280 name); the default is cessationOfOperation.")
    public DeviceDetail delete(@PathParam("id") long id, @QueryParam("reason") String reason,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return devices.delete(access.toChange("admin.devices.delete", authorization), id,
                RevocationRequest.reasonOr(new RevocationRequest(reason), RevocationReason.CESSATION_OF_OPERATION));
    }
}
