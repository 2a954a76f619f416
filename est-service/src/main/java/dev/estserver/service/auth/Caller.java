package dev.estserver.service.auth;

import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * An authenticated EST client.
 *
 * @param principal the username, or the subject of the client certificate
 * @param certificate the TLS client certificate when that is how the caller authenticated
 */
public record Caller(AuthMethod method, String principal, Optional<X509Certificate> certificate) {
}
