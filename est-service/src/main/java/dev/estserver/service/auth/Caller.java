package dev.estserver.service.auth;

import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An authenticated EST client.
 *
 * @param principal the username, the subject of the client certificate, or the id of the one-time code
 * @param certificate the TLS client certificate when that is how the caller authenticated
 * @param singleUseCredential the credential row to use up when a certificate is issued (a one-time code)
 */
public record Caller(AuthMethod method, String principal, Optional<X509Certificate> certificate,
        OptionalLong singleUseCredential) {

    /** A caller whose credential may be used again. */
    public Caller(AuthMethod method, String principal, Optional<X509Certificate> certificate) {
        this(method, principal, certificate, OptionalLong.empty());
    }
}
