package dev.estserver.service.ca;

/** What this service knows of a serial number under one of its CAs, as OCSP reports it (RFC 6960 §2.2). */
public sealed interface CertificateState {

    /** Issued by us and not revoked. */
    record Good() implements CertificateState {
    }

    record Revoked(RevokedEntry entry) implements CertificateState {
    }

    /** Not a serial we issued. */
    record Unknown() implements CertificateState {
    }
}
