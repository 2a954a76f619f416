package dev.estserver.service.admin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.estserver.service.store.AdminRole;
import dev.estserver.service.store.EnrollmentEvent;
import dev.estserver.service.store.EventFilter;

/** The audit: every enrollment, rejection and admin action. */
@Path("/api/v1/events")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "adminToken")
@Tag(name = "audit")
public class EventsResource {

    @GET
    @Transactional
    @Operation(summary = "Audit events, newest first, a page at a time",
            description = "Filters: device (identity), operation (simpleenroll, admin.devices.suspend, ...), outcome "
                    + "(issued, rejected, revoked, ...), from (inclusive) and to (exclusive) as ISO-8601 instants.")
    @AdminOperation("admin.events.list")
    @RolesAllowed({AdminRole.Names.ADMIN, AdminRole.Names.AUDITOR})
    public Page<EventView> query(@QueryParam("device") String device, @QueryParam("operation") String operation,
            @QueryParam("outcome") String outcome, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        EventFilter filter = new EventFilter(QueryParameters.text(device), QueryParameters.text(operation),
                QueryParameters.oneOf("outcome", outcome, EnrollmentEvent.Outcome.class),
                QueryParameters.instant("from", from), QueryParameters.instant("to", to));
        PageRequest page = PageRequest.of("events", cursor, limit);
        return page.page(EnrollmentEvent.page(filter, page.afterId(), page.fetch()), e -> String.valueOf(e.id),
                rows -> rows.stream().map(EventView::of).toList());
    }
}
