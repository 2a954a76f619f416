package dev.estserver.service.protocol.est;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import dev.estserver.service.config.EstConfig;
import dev.estserver.service.context.EnrollmentContext;
import dev.estserver.service.http.ProblemStatus;
import dev.estserver.service.http.Refusals;
import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;
import dev.estserver.service.store.EnrollmentEvent;

/**
 * How EST answers a failure on its paths ({@link EstResource} maps its exceptions here): a status code and a
 * {@code text/plain} reason in EST's words (a signed CMC response for CMC failures), the Basic challenge, 202 for a
 * pending approval; logged once with the request id and recorded in the audit table. Stack traces go to the log,
 * never to the client. Other HTTP paths are answered by {@code http.HttpErrorMapper}.
 */
@ApplicationScoped
class EstErrorMapper {

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

    Response rejected(RequestRejected e) {
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
    Response deferred(RequestDeferred e) {
        long seconds = Refusals.retryAfterSeconds(e.retryAfter());
        LOG.infof("[%s] %s %s from %s -> 202: %s", context.requestId(), context.operation(), context.label(),
                context.clientAddress(), e.getMessage());
        refusals.recordQuietly(EnrollmentEvent.Outcome.PENDING, 202, e.getMessage());
        // Empty, like a 401: BouncyCastle's client returns on 202 without reading and then fails closing the body.
        return Response.accepted().header(HttpHeaders.RETRY_AFTER, seconds)
                .header(REASON_HEADER, headerText(e.getMessage())).build();
    }

    /** Anything else that went wrong on an EST path: a refusal in its chain of causes, or a failure. */
    Response unexpected(Throwable e) {
        RequestRejected rejection = Refusals.causeOf(e, RequestRejected.class);
        return rejection != null ? rejected(rejection) : refusals.failed(e);
    }

    /** A header value is visible ASCII and spaces only: anything else a reason quotes becomes '?'. */
    private static String headerText(String reason) {
        StringBuilder text = new StringBuilder(reason.length());
        reason.chars().forEach(c -> text.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
        return text.toString();
    }
}
