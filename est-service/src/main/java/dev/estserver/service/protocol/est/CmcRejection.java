package dev.estserver.service.protocol.est;

import jakarta.ws.rs.core.Response;

import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;

/**
 * A refusal of a CMC request, answered with a signed CMC failure response instead of text: RFC 7030 §4.3.2 requires
 * a CMC response with every CMC error. It is logged and audited like any other refusal.
 */
final class CmcRejection extends RequestRejected {

    private final transient Response response;

    CmcRejection(Problem problem, String reason, Response response) {
        super(problem, reason);
        this.response = response;
    }

    Response response() {
        return response;
    }
}
