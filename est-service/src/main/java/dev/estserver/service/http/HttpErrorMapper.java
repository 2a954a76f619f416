package dev.estserver.service.http;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.smallrye.mutiny.Uni;

import dev.estserver.service.problem.RequestRejected;

/**
 * The answer to a failure on every HTTP path whose protocol has no answer of its own (the admin API, CRL and OCSP,
 * paths nothing serves): a status code and a {@code text/plain} reason, logged once with the request id and recorded
 * in the audit table. EST answers on its own paths ({@code protocol.est}), and the admin API its authentication.
 */
public class HttpErrorMapper {

    private final Refusals refusals;

    HttpErrorMapper(Refusals refusals) {
        this.refusals = refusals;
    }

    @ServerExceptionMapper
    public Response rejected(RequestRejected e) {
        int status = ProblemStatus.of(e.problem());
        Response.ResponseBuilder response = Refusals.text(status, e.getMessage());
        e.retryAfter().ifPresent(wait -> response.header(HttpHeaders.RETRY_AFTER,
                Refusals.retryAfterSeconds(wait)));
        return refusals.reject(status, e.getMessage(), response);
    }

    @ServerExceptionMapper
    public Uni<Response> webApplication(WebApplicationException e) {
        return refusals.reject(e);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        RequestRejected rejection = Refusals.causeOf(e, RequestRejected.class);
        return rejection != null ? rejected(rejection) : refusals.failed(e);
    }
}
