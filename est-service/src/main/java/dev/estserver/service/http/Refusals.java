package dev.estserver.service.http;

import java.sql.SQLException;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;

import dev.estserver.service.config.EstConfig;
import dev.estserver.service.context.EnrollmentContext;
import dev.estserver.service.problem.Problem;
import dev.estserver.service.store.AuditLog;
import dev.estserver.service.store.EnrollmentEvent;

/**
 * How a refused request ends, whichever API refused it: a {@code text/plain} reason, one log line with the request
 * id, and one audit row of the request's context.
 */
@ApplicationScoped
public class Refusals {

    private static final Logger LOG = Logger.getLogger(Refusals.class);
    private static final String TEXT = "text/plain; charset=utf-8";

    private final EnrollmentContext context;
    private final AuditLog audit;
    private final EstConfig config;

    Refusals(EnrollmentContext context, AuditLog audit, EstConfig config) {
        this.context = context;
        this.audit = audit;
        this.config = config;
    }

    /** A {@code text/plain} answer with {@code reason} as its body. */
    public static Response.ResponseBuilder text(int status, String reason) {
        return Response.status(status).header(HttpHeaders.CONTENT_TYPE, TEXT).entity(reason + "\n");
    }

    /** Whole seconds (RFC 9110 §10.2.3), rounded up so that a client retrying on time is not refused again. */
    public static long retryAfterSeconds(Duration wait) {
        return Math.max(1, wait.plusNanos(999_999_999).toSeconds());
    }

    /** Logs and records the refusal, then builds its {@code response}. */
    public Response reject(int status, String reason, Response.ResponseBuilder response) {
        log(status, reason);
        recordQuietly(EnrollmentEvent.Outcome.REJECTED, status, reason);
        return response.build();
    }

    /**
     * As {@link #reject}, for a refusal on the event loop, where Quarkus security refuses and no transaction may
     * start: the audit row is written on a worker thread, and the answer waits for it.
     */
    public Uni<Response> rejectFromEventLoop(int status, String reason, Response.ResponseBuilder response) {
        log(status, reason);
        EnrollmentEvent event = context.event(EnrollmentEvent.Outcome.REJECTED, status, null, reason);
        return Uni.createFrom().item(() -> {
            appendQuietly(event);
            return response.build();
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /**
     * A refusal in JAX-RS terms: its status with the message as the reason. A path no resource serves is refused on
     * the event loop, whence the audit row goes to a worker thread ({@link #rejectFromEventLoop}).
     */
    public Uni<Response> reject(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        Response.ResponseBuilder response = text(status, e.getMessage());
        return Context.isOnEventLoopThread() ? rejectFromEventLoop(status, e.getMessage(), response)
                : Uni.createFrom().item(reject(status, e.getMessage(), response));
    }

    /**
     * A request that failed rather than was refused: 503 with Retry-After while the database is unreachable, else
     * 500 with the request id to quote, the stack trace going to the log only.
     */
    public Response failed(Throwable e) {
        if (causeOf(e, SQLException.class) != null) {
            long seconds = config.limits().databaseRetryAfter().toSeconds();
            LOG.warnf("[%s] %s %s -> 503: database unavailable: %s", context.requestId(), context.operation(),
                    context.label(), e);
            return text(ProblemStatus.of(Problem.UNAVAILABLE), "certificate store (database) unavailable; "
                    + "retry after " + seconds + " seconds").header(HttpHeaders.RETRY_AFTER, seconds).build();
        }
        LOG.errorf(e, "[%s] %s %s -> 500", context.requestId(), context.operation(), context.label());
        recordQuietly(EnrollmentEvent.Outcome.FAILED, 500, e.getClass().getName());
        return text(500, "internal error; quote request id " + context.requestId() + " to the operator").build();
    }

    /** The exception of {@code type} in {@code e}'s chain of causes, or null. */
    public static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** An audit row of the request with this outcome; a failure to write it is logged, never thrown. */
    public void recordQuietly(EnrollmentEvent.Outcome outcome, int status, String reason) {
        appendQuietly(context.event(outcome, status, null, reason));
    }

    private void log(int status, String reason) {
        LOG.infof("[%s] %s %s from %s -> %d: %s", context.requestId(), context.operation(), context.label(),
                context.clientAddress(), status, reason);
    }

    /** The audit must not turn a clear rejection into a 500 if the database is what is failing. */
    private void appendQuietly(EnrollmentEvent event) {
        try {
            audit.appendAlone(event);
        } catch (RuntimeException e) {
            LOG.warnf("[%s] audit row not written: %s", event.requestId, e.getMessage());
        }
    }
}
