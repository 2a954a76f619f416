package dev.estserver.service.enrollment;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.estserver.service.context.EnrollmentContext;
import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;
import dev.estserver.service.store.AuditLog;
import dev.estserver.service.store.EnrollmentEvent;
import dev.estserver.service.store.PendingRequest;

/**
 * An operator's decisions on enrollments held for manual approval. The certificate is issued when the client next
 * polls, so that issuance stays in the one enrollment path; approving only records the decision.
 */
@ApplicationScoped
public class ApprovalDecisions {

    private static final int LIST_LIMIT = 500;

    private final AuditLog audit;
    private final Clock clock;

    ApprovalDecisions(AuditLog audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public List<ApprovalView> awaitingDecision() {
        Instant now = clock.instant();
        return PendingRequest.awaitingDecision(now, LIST_LIMIT).stream().map(r -> ApprovalView.of(r, now)).toList();
    }

    @Transactional
    public ApprovalView get(long id) {
        return ApprovalView.of(PendingRequest.<PendingRequest>findByIdOptional(id).orElseThrow(() -> unknown(id)),
                clock.instant());
    }

    @Transactional
    public ApprovalView approve(EnrollmentContext context, long id) {
        return decide(context, id, PendingRequest.Status.APPROVED, null);
    }

    @Transactional
    public ApprovalView reject(EnrollmentContext context, long id, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new RequestRejected(Problem.MALFORMED, "a rejection needs a reason for the device owner: send "
                    + "{\"reason\": \"...\"}");
        }
        return decide(context, id, PendingRequest.Status.REJECTED, reason.strip());
    }

    private ApprovalView decide(EnrollmentContext context, long id, PendingRequest.Status decision, String reason) {
        Instant now = clock.instant();
        PendingRequest request = PendingRequest.lock(id).orElseThrow(() -> unknown(id));
        context.at(context.operation(), request.label);
        context.device(request.deviceIdentity);
        if (request.isExpired(now)) {
            throw new RequestRejected(Problem.CONFLICT, "enrollment request " + id + " expired at "
                    + request.expiresAt + "; the device must send a new CSR");
        }
        if (request.status != PendingRequest.Status.PENDING) {
            throw new RequestRejected(Problem.CONFLICT, "enrollment request " + id + " was already decided: "
                    + request.status + " by '" + request.decidedBy + "' at " + request.decidedAt);
        }
        request.status = decision;
        request.decidedAt = now;
        request.decidedBy = context.principal();
        request.decisionReason = reason;
        audit.append(context.event(decision == PendingRequest.Status.APPROVED ? EnrollmentEvent.Outcome.APPROVED
                : EnrollmentEvent.Outcome.DENIED, 200, null, "request " + id + (reason == null ? "" : ": " + reason)));
        return ApprovalView.of(request, now);
    }

    private static RequestRejected unknown(long id) {
        return new RequestRejected(Problem.NOT_FOUND, "no enrollment request with id " + id);
    }
}
