package dev.estserver.service.http;

import java.util.Locale;

import dev.estserver.service.problem.Problem;

/**
 * The HTTP status of each kind of refusal, one table for EST (the statuses RFC 7030 §4.2.3 and its clients expect) and
 * the admin API, so that the two cannot drift apart. What differs between them, like the challenge of a 401 (Basic
 * for EST, Bearer for the admin API), each adds itself.
 */
public final class ProblemStatus {

    private ProblemStatus() {
    }

    /** Exhaustive without a default: a new {@link Problem} does not compile until it has its status here. */
    public static int of(Problem problem) {
        return switch (problem) {
            case MALFORMED -> 400;
            case UNAUTHENTICATED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case METHOD_NOT_ALLOWED -> 405;
            case CONFLICT -> 409;
            case TOO_LARGE -> 413;
            case UNSUPPORTED_MEDIA_TYPE -> 415;
            // RFC 6585 §4; the refusal carries its Retry-After.
            case TOO_MANY_REQUESTS -> 429;
            case NOT_IMPLEMENTED -> 501;
            case UNAVAILABLE -> 503;
        };
    }

    /**
     * What a refusal's status says, as metrics and the console name it: the {@link Problem} of that status in lower
     * case with hyphens ({@code unauthenticated}, {@code too-many-requests}), {@code internal-error} for 500, else
     * the number.
     */
    public static String reasonOf(int status) {
        for (Problem problem : Problem.values()) {
            if (of(problem) == status) {
                return problem.name().toLowerCase(Locale.ROOT).replace('_', '-');
            }
        }
        return status == 500 ? "internal-error" : String.valueOf(status);
    }
}
