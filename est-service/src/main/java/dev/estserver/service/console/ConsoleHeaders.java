package dev.estserver.service.console;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import dev.estserver.service.auth.ConsoleAuthenticationMechanism;

/**
 * What every console response carries, pages, redirects and style sheet alike: a Content-Security-Policy that lets
 * the page load nothing but this server's own style sheet (no script at all, no frames, forms only to this server),
 * and no caching, framing, sniffing or referrer. A Vert.x filter, so that Quarkus's own answers get them too.
 */
@Singleton
class ConsoleHeaders {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /** After the HTTPS response filter (10 000), before any route. */
    private static final int PRIORITY = 8_000;

    void register(@Observes Filters filters) {
        filters.register(this::secure, PRIORITY);
    }

    private void secure(RoutingContext context) {
        if (ConsoleAuthenticationMechanism.isConsole(context.normalizedPath())) {
            HttpServerResponse response = context.response();
            context.addHeadersEndHandler(end -> response
                    .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                    .putHeader("X-Frame-Options", "DENY")
                    .putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader("Referrer-Policy", "no-referrer")
                    .putHeader("Cache-Control", "no-store"));
        }
        context.next();
    }
}
