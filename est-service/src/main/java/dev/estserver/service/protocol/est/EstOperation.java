package dev.estserver.service.protocol.est;

import java.util.Arrays;
import java.util.Optional;

/** The operations of RFC 7030 §3.2.2, with the HTTP method each one takes. */
public enum EstOperation {
    CACERTS("cacerts", "GET"),
    SIMPLEENROLL("simpleenroll", "POST"),
    SIMPLEREENROLL("simplereenroll", "POST"),
    CSRATTRS("csrattrs", "GET"),
    SERVERKEYGEN("serverkeygen", "POST"),
    FULLCMC("fullcmc", "POST");

    private final String pathSegment;
    private final String method;

    EstOperation(String pathSegment, String method) {
        this.pathSegment = pathSegment;
        this.method = method;
    }

    public String pathSegment() {
        return pathSegment;
    }

    public String method() {
        return method;
    }

    static Optional<EstOperation> fromPathSegment(String segment) {
        return Arrays.stream(values()).filter(op -> op.pathSegment.equals(segment)).findFirst();
    }
}
