package dev.estserver.service.http;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.vertx.http.HttpServer;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

import dev.estserver.service.ca.RevocationPointers;
import dev.estserver.service.context.EnrollmentContext;

/**
 * What a request that arrived without TLS may reach: CRLs and OCSP, nothing else. Only the plain-HTTP revocation
 * listener ({@code revocation.RevocationHttpServer}) delivers such requests, as Quarkus's own plain port is off, but
 * the rule is kept here on the router, by the connection and not by the listener, so that EST and the admin API can
 * never be reached without TLS however a plain request got in. Everything else gets 404 with a reason, logged
 * once with a request id.
 */
@Singleton
class PlainHttpRequests {

    private static final Logger LOG = Logger.getLogger(PlainHttpRequests.class);

    /**
     * After {@link HttpsResponses} (10 000), so that a refusal is written like every other response, and ahead of
     * every Quarkus route and of authentication.
     */
    private static final int PRIORITY = 9_000;

    private static final String OCSP_GET = RevocationPointers.OCSP_PATH + "/";

    private final HttpServer quarkusHttp;

    PlainHttpRequests(HttpServer quarkusHttp) {
        this.quarkusHttp = quarkusHttp;
    }

    void register(@Observes Filters filters) {
        filters.register(this::restrict, PRIORITY);
    }

    private void restrict(RoutingContext context) {
        // Not request.isSSL(): with proxy address forwarding on, that believes a client's X-Forwarded-Proto.
        // The normalized path is the one the routes match, so /crl/../api/v1 is /api/v1 here too.
        String path = context.normalizedPath();
        if (context.request().connection().isSsl() || isRevocation(path)) {
            context.next();
            return;
        }
        String reason = "This port serves only CRLs (GET " + RevocationPointers.CRL_PATH + "<ca>"
                + RevocationPointers.CRL_SUFFIX + ") and OCSP (GET and POST " + RevocationPointers.OCSP_PATH
                + ") over plain HTTP, got " + context.request().method() + " " + path
                + "; EST and the admin API are served over HTTPS on port " + quarkusHttp.getSecurePort();
        String requestId = EnrollmentContext.newRequestId();
        LOG.infof("[%s] plain HTTP %s %s from %s -> 404: %s", requestId, context.request().method(), path,
                context.request().remoteAddress(), reason);
        context.response().setStatusCode(404).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                .putHeader("X-Request-Id", requestId).end(reason + "\n");
    }

    private static boolean isRevocation(String path) {
        return path.startsWith(RevocationPointers.CRL_PATH) || path.equals(RevocationPointers.OCSP_PATH)
                || path.startsWith(OCSP_GET);
    }
}
