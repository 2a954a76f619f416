package dev.estserver.service.http;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

import dev.estserver.service.context.EnrollmentContext;
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

    Refusals(EnrollmentContext context, AuditLog audit) {
        this.context = context;
        this.audit = audit;
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
