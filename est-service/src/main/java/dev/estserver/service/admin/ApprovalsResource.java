package dev.estserver.service.admin;

import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import dev.estserver.service.auth.AdminTokens;
import dev.estserver.service.enrollment.ApprovalDecisions;
import dev.estserver.service.enrollment.ApprovalView;
import dev.estserver.service.enrollment.EstExchange;

/**
 * Enrollments held for manual approval: list them, approve or reject. The device gets its certificate (or the
 * rejection reason) on its next poll, from any replica.
 */
@Path("/api/v1/approvals")
@Produces(MediaType.APPLICATION_JSON)
public class ApprovalsResource {

    /** Body of a rejection. */
    public record Rejection(String reason) {
    }

    private final AdminTokens tokens;
    private final ApprovalDecisions decisions;
    private final EstExchange exchange;

    ApprovalsResource(AdminTokens tokens, ApprovalDecisions decisions, EstExchange exchange) {
        this.tokens = tokens;
        this.decisions = decisions;
        this.exchange = exchange;
    }

    /** Requests waiting for a decision and not expired, oldest first. */
    @GET
    public List<ApprovalView> awaitingDecision(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        authenticate("admin.approvals.list", authorization);
        return decisions.awaitingDecision();
    }

    @GET
    @Path("{id}")
    public ApprovalView get(@PathParam("id") long id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        authenticate("admin.approvals.get", authorization);
        return decisions.get(id);
    }

    @POST
    @Path("{id}/approve")
    public ApprovalView approve(@PathParam("id") long id,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        authenticate("admin.approve", authorization);
        return decisions.approve(exchange, id);
    }

    @POST
    @Path("{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    public ApprovalView reject(@PathParam("id") long id, Rejection rejection,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        authenticate("admin.reject", authorization);
        return decisions.reject(exchange, id, rejection == null ? null : rejection.reason());
    }

    private void authenticate(String operation, String authorization) {
        exchange.at(operation, null);
        exchange.authenticated(tokens.authenticate(Optional.ofNullable(authorization)));
    }
}
