package dev.estserver.service.auth;

import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An authenticated caller, made by one factory per way of authenticating.
 *
 * @param principal the username, the subject of the client certificate, the id of the one-time code, or the name
 *                  of the admin token
 * @param certificate the TLS client certificate when that is how the caller authenticated
 * @param singleUseCredential the credential row to use up when a certificate is issued (a one-time code)
 */
public record Caller(AuthMethod method, String principal, Optional<X509Certificate> certificate,
        OptionalLong singleUseCredential) {

    static Caller basic(String username) {
        return new Caller(AuthMethod.BASIC, username, Optional.empty(), OptionalLong.empty());
    }

    static Caller clientCertificate(X509Certificate certificate) {
        return new Caller(AuthMethod.CLIENT_CERTIFICATE, certificate.getSubjectX500Principal().getName(),
                Optional.of(certificate), OptionalLong.empty());
    }

    static Caller oneTimeCode(long credentialId) {
        return new Caller(AuthMethod.ONE_TIME_CODE, String.valueOf(credentialId), Optional.empty(),
                OptionalLong.of(credentialId));
    }

    static Caller adminToken(String name) {
        return new Caller(AuthMethod.ADMIN_TOKEN, name, Optional.empty(), OptionalLong.empty());
    }
}
