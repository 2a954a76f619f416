package dev.estserver.service.admin;

import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;
import dev.estserver.service.revocation.RevocationReason;

/**
 * Body of a revocation.
 *
 * @param reason an RFC 5280 CRLReason name such as {@code keyCompromise} or {@code superseded}
 */
public record RevocationRequest(String reason) {

    /** The reason given, or {@code otherwise} when the request has none. */
    static RevocationReason reasonOr(RevocationRequest request, RevocationReason otherwise) {
        String name = request == null ? null : QueryParameters.text(request.reason());
        return name == null ? otherwise : RevocationReason.parse(name);
    }

    /** The reason given, which is required. */
    static RevocationReason required(RevocationRequest request) {
        String name = request == null ? null : QueryParameters.text(request.reason());
        if (name == null) {
            throw new RequestRejected(Problem.MALFORMED, "a revocation needs an RFC 5280 reason: send "
                    + "{\"reason\": \"keyCompromise\"} (or superseded, cessationOfOperation, ...)");
        }
        return RevocationReason.parse(name);
    }
}
