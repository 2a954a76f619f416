package dev.estserver.service.policy;

import java.util.Locale;

/** How a caller proved who it is; recorded in the audit table. */
public enum AuthMethod {
    /** HTTP Basic with a bootstrap credential. */
    BASIC,
    /** A TLS client certificate: a manufacturer (IDevID) certificate, or for re-enrollment one we issued. */
    CLIENT_CERTIFICATE,
    /** An RFC 7894 otpChallenge attribute in the CSR, checked against a stored one-time code. */
    ONE_TIME_CODE,
    /** A bearer token of the admin API. */
    ADMIN_TOKEN;

    /** The name in {@code est.profiles.<name>.auth-methods}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
