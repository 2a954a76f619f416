package dev.estserver.bench.load;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** How the load generator authenticates its enrollments. */
public sealed interface ClientCredentials {

    /** HTTP Basic (RFC 7030 §3.2.3), sent with every request. */
    record Basic(String username, String password) implements ClientCredentials {

        @Override
        public String toString() {
            return "Basic[" + username + "]";
        }
    }

    /** A TLS client certificate (RFC 7030 §3.3.2), for example a manufacturer-issued one. */
    record ClientCertificate(PrivateKey key, List<X509Certificate> chain) implements ClientCredentials {
    }
}
