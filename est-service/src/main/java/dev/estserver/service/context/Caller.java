package dev.estserver.service.context;

import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.OptionalLong;

import dev.estserver.service.policy.AuthMethod;

/**
 * An authenticated caller, made by {@code auth} with one factory per way of authenticating; it lives here, beside the
 * request context that records it, so that every package can read who called without depending on {@code auth}.
 *
 * @param principal the username, the subject of the client certificate, the id of the one-time code, or the name
 *                  of the admin token
 * @param certificate the TLS client certificate when that is how the caller authenticated
 * @param singleUseCredential the credential row to use up when a certificate is issued (a one-time code, or a
 *                            single-use bootstrap credential)
 */
public record Caller(AuthMethod method, String principal, Optional<X509Certificate> certificate,
        OptionalLong singleUseCredential) {

    /** @param singleUse the credential's row when it enrolls one certificate only */
    public static Caller basic(String username, OptionalLong singleUse) {
        return new Caller(AuthMethod.BASIC, username, Optional.empty(), singleUse);
    }

    public static Caller clientCertificate(X509Certificate certificate) {
        return new Caller(AuthMethod.CLIENT_CERTIFICATE, certificate.getSubjectX500Principal().getName(),
                Optional.of(certificate), OptionalLong.empty());
    }

    public static Caller oneTimeCode(long credentialId) {
        return new Caller(AuthMethod.ONE_TIME_CODE, String.valueOf(credentialId), Optional.empty(),
                OptionalLong.of(credentialId));
    }

    /** How messages name the credential the caller used, never its secret. */
    public String credentialName() {
        return switch (method) {
            case ONE_TIME_CODE -> "one-time code " + principal;
            case BASIC -> "bootstrap credential '" + principal + "'";
            case CLIENT_CERTIFICATE -> "client certificate " + principal;
            case ADMIN_TOKEN -> "admin token '" + principal + "'";
        };
    }

    public static Caller adminToken(String name) {
        return new Caller(AuthMethod.ADMIN_TOKEN, name, Optional.empty(), OptionalLong.empty());
    }
}
