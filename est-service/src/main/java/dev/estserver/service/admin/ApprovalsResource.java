package dev.estserver.service.admin;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.estserver.service.enrollment.ApprovalDecisions;
import dev.estserver.service.enrollment.ApprovalView;

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

    private final AdminAccess access;
    private final ApprovalDecisions decisions;

    ApprovalsResource(AdminAccess access, ApprovalDecisions decisions) {
        this.access = access;
        this.decisions = decisions;
    }

    /** Requests waiting for a decision and not expired, oldest first. */
    @GET
    public List<ApprovalView> awaitingDecision(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        access.toRead("admin.approvals.list", authorization);
        return decisions.awaitingDecision();
    }

    @GET
    @Path("{id}")
    public ApprovalView get(@PathParam("id") long id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        access.toRead("admin.approvals.get", authorization);
        return decisions.get(id);
    }

    @POST
    @Path("{id}/approve")
    public ApprovalView approve(@PathParam("id") long id,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return decisions.approve(access.toChange("admin.approve", authorization), id);
    }

    @POST
    @Path("{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    public ApprovalView reject(@PathParam("id") long id, Rejection rejection,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return decisions.reject(access.toChange("admin.reject", authorization), id,
                rejection == null ? null : rejection.reason());
    }
}
