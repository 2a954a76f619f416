package dev.estserver.service.policy;

/** What {@code /csrattrs} returns for a profile (RFC 7030 §4.5, RFC 9908). */
public enum CsrAttrsForm {
    /** The RFC 9908 certificate request template, followed by the legacy list for clients that do not know it. */
    TEMPLATE,
    /** The RFC 7030 list of attributes and OIDs. */
    LEGACY,
    /** Nothing: 204 No Content. */
    NONE
}
