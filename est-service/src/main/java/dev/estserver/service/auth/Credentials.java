package dev.estserver.service.auth;

import java.security.cert.X509Certificate;
import java.util.List;

import dev.estserver.service.policy.AuthMethod;

/**
 * Something a client presents to prove who it is, as its protocol carried it; the {@link Authenticator} decides
 * which of a request's credentials counts. A new protocol's ways of proving identity (SCEP's challengePassword, a
 * CMS signer certificate) are new kinds here, and the compiler then points at every place that must judge them.
 */
public sealed interface Credentials {

    /** The method a profile must accept for this kind of credentials to count. */
    default AuthMethod method() {
        return switch (this) {
            case ClientChain chain -> AuthMethod.CLIENT_CERTIFICATE;
            case Authorization authorization -> AuthMethod.BASIC;
            case OneTimeCode code -> AuthMethod.ONE_TIME_CODE;
        };
    }

    /** The TLS client certificate chain, leaf first; never empty. */
    record ClientChain(List<X509Certificate> chain) implements Credentials {

        public ClientChain {
            chain = List.copyOf(chain);
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("a client chain has at least the client's certificate");
            }
        }

        public X509Certificate leaf() {
            return chain.getFirst();
        }
    }

    /**
     * An HTTP {@code Authorization} header as the client sent it. Enrollment accepts its Basic scheme only; it is
     * parsed when judged, so that a label which refuses Basic says so whatever the scheme.
     */
    record Authorization(String header) implements Credentials {
    }

    /** A one-time enrollment code, such as the otpChallenge attribute of a CSR (RFC 7894). */
    record OneTimeCode(String code) implements Credentials {
    }
}
