package dev.estserver.service.admin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.estserver.service.store.AdminRole;

/** Fleet statistics. */
@Path("/api/v1/stats")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "adminToken")
@Tag(name = "stats")
public class StatsResource {

    private final FleetStatistics statistics;

    StatsResource(FleetStatistics statistics) {
        this.statistics = statistics;
    }

    @GET
    @Operation(summary = "Devices by status and label, certificates by status, enrollments per hour over the last "
            + "24 hours, good certificates expiring within 7 and 30 days")
    @AdminOperation("admin.stats")
    @RolesAllowed({AdminRole.Names.ADMIN, AdminRole.Names.AUDITOR})
    public FleetStatistics.Stats stats() {
        return statistics.now();
    }
}
