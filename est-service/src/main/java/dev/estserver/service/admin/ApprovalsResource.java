package dev.estserver.service.admin;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.estserver.service.context.EnrollmentContext;
import dev.estserver.service.enrollment.ApprovalDecisions;
import dev.estserver.service.enrollment.ApprovalView;
import dev.estserver.service.store.AdminRole;

/**
 * Enrollments held for manual approval: list them, approve or reject. The device gets its certificate (or the
 * rejection reason) on its next poll, from any replica.
 */
@Path("/api/v1/approvals")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "adminToken")
@Tag(name = "approvals")
public class ApprovalsResource {

    /** Body of a rejection. */
    public record Rejection(String reason) {
    }

    private final EnrollmentContext context;
    private final ApprovalDecisions decisions;

    ApprovalsResource(EnrollmentContext context, ApprovalDecisions decisions) {
        this.context = context;
        this.decisions = decisions;
    }

    /** Requests waiting for a decision and not expired, oldest first. */
    @GET
    @AdminOperation("admin.approvals.list")
    @RolesAllowed({AdminRole.Names.ADMIN, AdminRole.Names.AUDITOR})
    public List<ApprovalView> awaitingDecision() {
        return decisions.awaitingDecision();
    }

    @GET
    @Path("{id}")
    @AdminOperation("admin.approvals.get")
    @RolesAllowed({AdminRole.Names.ADMIN, AdminRole.Names.AUDITOR})
    public ApprovalView get(@PathParam("id") long id) {
        return decisions.get(id);
    }

    @POST
    @Path("{id}/approve")
    @AdminOperation("admin.approve")
    @RolesAllowed(AdminRole.Names.ADMIN)
    public ApprovalView approve(@PathParam("id") long id) {
        return decisions.approve(context, id);
    }

    @POST
    @Path("{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @AdminOperation("admin.reject")
    @RolesAllowed(AdminRole.Names.ADMIN)
    public ApprovalView reject(@PathParam("id") long id, Rejection rejection) {
        return decisions.reject(context, id, rejection == null ? null : rejection.reason());
    }
}
