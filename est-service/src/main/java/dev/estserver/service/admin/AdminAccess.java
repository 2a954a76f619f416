package dev.estserver.service.admin;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.core.http.HttpServerRequest;

import dev.estserver.service.auth.AdminCertificates;
import dev.estserver.service.auth.AdminTokens;
import dev.estserver.service.enrollment.EstExchange;
import dev.estserver.service.store.AdminRole;
import dev.estserver.service.tls.ClientChains;

/**
 * The first step of every admin call: name the operation and the client address for the audit and log, then
 * authenticate the caller and check that its role permits the call.
 */
@ApplicationScoped
class AdminAccess {

    private final AdminTokens tokens;
    private final AdminCertificates certificates;
    private final EstExchange exchange;
    private final HttpServerRequest request;

    AdminAccess(AdminTokens tokens, AdminCertificates certificates, EstExchange exchange,
            HttpServerRequest request) {
        this.tokens = tokens;
        this.certificates = certificates;
        this.exchange = exchange;
        this.request = request;
    }

    /** A call that only reads: role auditor or admin. */
    EstExchange toRead(String operation, String authorization) {
        return authenticate(operation, authorization, AdminRole.AUDITOR);
    }

    /** A call that changes something: role admin. */
    EstExchange toChange(String operation, String authorization) {
        return authenticate(operation, authorization, AdminRole.ADMIN);
    }

    private EstExchange authenticate(String operation, String authorization, AdminRole required) {
        exchange.from(request.remoteAddress() == null ? null : request.remoteAddress().hostAddress());
        exchange.at(operation, null);
        List<X509Certificate> chain = ClientChains.of(request);
        // A token decides when one is sent; otherwise a client certificate from an admin CA.
        if (authorization == null && !chain.isEmpty() && certificates.configured()) {
            exchange.authenticated(certificates.authenticate(chain, required, operation));
        } else {
            exchange.authenticated(tokens.authenticate(Optional.ofNullable(authorization), exchange.clientAddress(),
                    required, operation));
        }
        return exchange;
    }
}
