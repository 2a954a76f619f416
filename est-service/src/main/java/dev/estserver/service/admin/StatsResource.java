package dev.estserver.service.admin;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Fleet statistics. */
@Path("/api/v1/stats")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "adminToken")
@Tag(name = "stats")
public class StatsResource {

    private final AdminAccess access;
    private final FleetStatistics statistics;

    StatsResource(AdminAccess access, FleetStatistics statistics) {
        this.access = access;
        this.statistics = statistics;
    }

    @GET
    @Operation(summary = "Devices by status and label, certificates by status, enrollments per hour over the last "
            + "24 hours, good certificates expiring within 7 and 30 days")
    public FleetStatistics.Stats stats(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        access.toRead("admin.stats", authorization);
        return statistics.now();
    }
}
