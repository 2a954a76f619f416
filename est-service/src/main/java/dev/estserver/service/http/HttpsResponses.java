package dev.estserver.service.http;

import java.util.List;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/**
 * What every response of the HTTPS port (and of the plain-HTTP revocation listener, which shares its router) gets on
 * its way out, whoever wrote it (an EST or admin resource, an error mapper, or Vert.x itself): canonical header names
 * on HTTP/1.x, HSTS over TLS, and a safe end for a request body that was still arriving. A Vert.x filter rather
 * than a JAX-RS one, because Vert.x adds {@code content-length} and {@code connection} after every JAX-RS filter has
 * run. The management port (health, metrics) is another router and is left alone.
 */
@Singleton
class HttpsResponses {

    /**
     * Ahead of every Quarkus route, including its upload limit, so that even the responses those write get the
     * same treatment.
     */
    private static final int PRIORITY = 10_000;

    private static final List<String> CONNECTION_SPECIFIC = List.of("Connection", "Keep-Alive", "Proxy-Connection",
            "Transfer-Encoding", "Upgrade");

    private final StrictTransportSecurity hsts;
    private final UnreadBody unreadBody;

    HttpsResponses(StrictTransportSecurity hsts, UnreadBody unreadBody) {
        this.hsts = hsts;
        this.unreadBody = unreadBody;
    }

    void register(@Observes Filters filters) {
        filters.register(this::prepare, PRIORITY);
    }

    private void prepare(RoutingContext context) {
        HttpServerRequest request = context.request();
        HttpServerResponse response = context.response();
        context.addHeadersEndHandler(headersEnd -> {
            // RFC 6797 §7.2: never over plain HTTP. The connection decides, not isSSL(), which believes a client's
            // X-Forwarded-Proto when proxy address forwarding is on.
            if (request.connection().isSsl()) {
                hsts.value().ifPresent(value -> response.putHeader(StrictTransportSecurity.HEADER, value));
            }
            if (request.version() == HttpVersion.HTTP_2) {
                // RFC 9113 §8.2.2: a connection-specific header (Quarkus's own 413 adds Connection: close) makes the
                // response malformed, and the client sees PROTOCOL_ERROR instead of the answer.
                CONNECTION_SPECIFIC.forEach(response.headers()::remove);
            } else {
                unreadBody.announceClose(request, response.headers());
                CanonicalHeaderNames.apply(response.headers());
            }
        });
        context.addBodyEndHandler(bodyEnd -> unreadBody.discardRest(request));
        context.next();
    }
}
