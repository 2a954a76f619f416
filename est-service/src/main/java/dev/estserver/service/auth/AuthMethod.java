package dev.estserver.service.auth;

/** How a caller proved who it is; recorded in the audit table. */
public enum AuthMethod {
    BASIC,
    CLIENT_CERTIFICATE
}
