package dev.estserver.service.auth;

import java.security.cert.X509Certificate;
import java.util.List;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A console request's session cookie, with the TLS client chain and address it came with. */
final class ConsoleSessionRequest extends BaseAuthenticationRequest {

    private final String secret;
    private final List<X509Certificate> chain;

    ConsoleSessionRequest(String secret, List<X509Certificate> chain) {
        this.secret = secret;
        this.chain = chain;
    }

    String secret() {
        return secret;
    }

    /** Empty when the connection presents no client certificate. */
    List<X509Certificate> chain() {
        return chain;
    }
}
