package dev.estserver.service.protocol.est;

import java.sql.SQLException;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.estserver.service.config.EstConfig;
import dev.estserver.service.context.EnrollmentContext;
import dev.estserver.service.http.ProblemStatus;
import dev.estserver.service.http.Refusals;
import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;
import dev.estserver.service.store.EnrollmentEvent;

/**
 * Turns every failure into a status code and a {@code text/plain} reason (a signed CMC response for CMC failures),
 * logs it once with the request id, and records it in the audit table. Stack traces go to the log, never to the
 * client. The admin API's authentication refusals are the admin package's own (its Bearer challenge).
 */
public class EstErrorMapper {

    private static final Logger LOG = Logger.getLogger(EstErrorMapper.class);

    /**
     * The reason of an answer whose body must stay empty: every 401 and 202 on the EST paths, which EST clients
     * close unread (INTEROP 23). Clients ignore a header they do not know; curl -i shows it.
     */
    static final String REASON_HEADER = "X-Est-Reason";

    private final EnrollmentContext context;
    private final Refusals refusals;
    private final EstConfig config;

    EstErrorMapper(EnrollmentContext context, Refusals refusals, EstConfig config) {
        this.context = context;
        this.refusals = refusals;
        this.config = config;
    }

    @ServerExceptionMapper
    public Response rejected(RequestRejected e) {
        String reason = EstRemedies.reason(e);
        int status = ProblemStatus.of(e.problem());
        Response.ResponseBuilder response;
        if (e.problem() == Problem.UNAUTHENTICATED) {
            // RFC 7030 §3.2.3: libest and BouncyCastle clients send credentials only after this challenge. Its body
            // is empty: BouncyCastle's client closes a 401 unread and fails when bytes are left (INTEROP 23). Every
            // 401 is such a challenge to a client, whether or not it sent credentials.
            response = Response.status(status)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + config.auth().realm() + "\"")
                    .header(REASON_HEADER, headerText(reason));
        } else {
            response = e instanceof CmcRejection cmc ? Response.fromResponse(cmc.response())
                    : Refusals.text(status, reason);
        }
        e.retryAfter().ifPresent(wait -> response.header(HttpHeaders.RETRY_AFTER,
                Refusals.retryAfterSeconds(wait)));
        return refusals.reject(status, reason, response);
    }

    /** RFC 7030 §4.2.3: 202 with Retry-After; the client polls with the same request. */
    @ServerExceptionMapper
    public Response deferred(RequestDeferred e) {
        long seconds = Refusals.retryAfterSeconds(e.retryAfter());
        LOG.infof("[%s] %s %s from %s -> 202: %s", context.requestId(), context.operation(), context.label(),
                context.clientAddress(), e.getMessage());
        refusals.recordQuietly(EnrollmentEvent.Outcome.PENDING, 202, e.getMessage());
        // Empty, like a 401: BouncyCastle's client returns on 202 without reading and then fails closing the body.
        return Response.accepted().header(HttpHeaders.RETRY_AFTER, seconds)
                .header(REASON_HEADER, headerText(e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        return refusals.reject(e.getResponse().getStatus(), e.getMessage(),
                Refusals.text(e.getResponse().getStatus(), e.getMessage()));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        RequestRejected rejection = causeOf(e, RequestRejected.class);
        if (rejection != null) {
            return rejected(rejection);
        }
        if (causeOf(e, SQLException.class) != null) {
            long seconds = config.limits().databaseRetryAfter().toSeconds();
            LOG.warnf("[%s] %s %s -> 503: database unavailable: %s", context.requestId(), context.operation(),
                    context.label(), e);
            return Refusals.text(ProblemStatus.of(Problem.UNAVAILABLE), "certificate store (database) unavailable; "
                    + "retry after " + seconds + " seconds").header(HttpHeaders.RETRY_AFTER, seconds).build();
        }
        LOG.errorf(e, "[%s] %s %s -> 500", context.requestId(), context.operation(), context.label());
        refusals.recordQuietly(EnrollmentEvent.Outcome.FAILED, 500, e.getClass().getName());
        return Refusals.text(500, "internal error; quote request id " + context.requestId() + " to the operator")
                .build();
    }

    /** A header value is visible ASCII and spaces only: anything else a reason quotes becomes '?'. */
    private static String headerText(String reason) {
        StringBuilder text = new StringBuilder(reason.length());
        reason.chars().forEach(c -> text.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
        return text.toString();
    }

    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
