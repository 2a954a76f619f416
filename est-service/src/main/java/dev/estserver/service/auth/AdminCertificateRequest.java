package dev.estserver.service.auth;

import java.security.cert.X509Certificate;
import java.util.List;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** The TLS client certificate chain of an admin API call that sent no {@code Authorization} header. */
final class AdminCertificateRequest extends BaseAuthenticationRequest {

    private final List<X509Certificate> chain;

    /** @param chain leaf first, not empty */
    AdminCertificateRequest(List<X509Certificate> chain) {
        this.chain = List.copyOf(chain);
    }

    List<X509Certificate> chain() {
        return chain;
    }
}
