package dev.estserver.service.admin;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.core.http.HttpServerRequest;

import dev.estserver.service.auth.AdminTokens;
import dev.estserver.service.enrollment.EstExchange;

/**
 * The first step of every admin call: name the operation and the client address for the audit and log, then
 * authenticate the caller.
 */
@ApplicationScoped
class AdminAccess {

    private final AdminTokens tokens;
    private final EstExchange exchange;
    private final HttpServerRequest request;

    AdminAccess(AdminTokens tokens, EstExchange exchange, HttpServerRequest request) {
        this.tokens = tokens;
        this.exchange = exchange;
        this.request = request;
    }

    EstExchange authenticate(String operation, String authorization) {
        exchange.at(operation, null);
        exchange.from(request.remoteAddress() == null ? null : request.remoteAddress().hostAddress());
        exchange.authenticated(tokens.authenticate(Optional.ofNullable(authorization), exchange.clientAddress()));
        return exchange;
    }
}
