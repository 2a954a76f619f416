package dev.estserver.service.problem;

/** Why a request was refused, with the HTTP status EST clients expect for it (RFC 7030 §4.2.3). */
public enum Problem {
    MALFORMED(400),
    UNAUTHENTICATED(401),
    /** 401 on the admin API, challenged with {@code Bearer} instead of {@code Basic}. */
    ADMIN_UNAUTHENTICATED(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    CONFLICT(409),
    TOO_LARGE(413),
    UNSUPPORTED_MEDIA_TYPE(415),
    /** 429 with Retry-After (RFC 6585 §4): too many failed authentication attempts. */
    TOO_MANY_REQUESTS(429),
    NOT_IMPLEMENTED(501),
    UNAVAILABLE(503);

    private final int status;

    Problem(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
