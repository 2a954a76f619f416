package dev.estserver.service.problem;

/**
 * What kind of refusal a request met, whatever the protocol: each protocol answers it in its own terms (an HTTP
 * status for EST and the admin API, a failInfo for SCEP) and adds what only it knows, like its challenge.
 */
public enum Problem {
    /**
     * The request cannot be read, or asks for what the rules refuse whoever sends it (a key or a name its profile does
     * not allow).
     */
    MALFORMED,
    /** No credentials, or credentials that do not prove who the caller is. */
    UNAUTHENTICATED,
    /** The caller is known, and may not do this. */
    FORBIDDEN,
    /** What the request names (a label, device or certificate) does not exist here. */
    NOT_FOUND,
    /** The operation exists, but not with the method the request used. */
    METHOD_NOT_ALLOWED,
    /** The request contradicts the current state of what it names (a device owned by another, already revoked). */
    CONFLICT,
    /** The request is larger than the server reads. */
    TOO_LARGE,
    /** The request body is not of the type the operation takes. */
    UNSUPPORTED_MEDIA_TYPE,
    /** Too many failed authentication attempts: temporary, the refusal says when to try again. */
    TOO_MANY_REQUESTS,
    /** A valid request for something this server does not do. */
    NOT_IMPLEMENTED,
    /** The server cannot answer now (its database is down): temporary, the request may succeed later unchanged. */
    UNAVAILABLE
}
