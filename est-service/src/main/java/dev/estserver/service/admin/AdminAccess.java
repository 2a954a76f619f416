package dev.estserver.service.admin;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.estserver.service.auth.AdminTokens;
import dev.estserver.service.enrollment.EstExchange;

/** The first step of every admin call: name the operation for the audit and log, then authenticate the caller. */
@ApplicationScoped
class AdminAccess {

    private final AdminTokens tokens;
    private final EstExchange exchange;

    AdminAccess(AdminTokens tokens, EstExchange exchange) {
        this.tokens = tokens;
        this.exchange = exchange;
    }

    EstExchange authenticate(String operation, String authorization) {
        exchange.at(operation, null);
        exchange.authenticated(tokens.authenticate(Optional.ofNullable(authorization)));
        return exchange;
    }
}
