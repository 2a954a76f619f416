package dev.estserver.service.policy;

/** What {@code /simpleenroll} does when the device already holds a certificate from this label. */
public enum DuplicateDevicePolicy {
    /** 409 Conflict: the device must re-enroll with its certificate, or be reset by an operator. */
    REJECT,
    /** Issue another certificate; the new one becomes the device's current certificate. */
    ALLOW,
    /** Issue another certificate and revoke the previous current one (superseded), in the same transaction. */
    REPLACE
}
