package dev.estserver.service.protocol.est;

import dev.estserver.service.policy.Profiles;
import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;

/** The part of a request path after {@code /.well-known/est/}: {@code <operation>} or {@code <label>/<operation>}. */
record EstPath(String label, EstOperation operation) {

    static EstPath parse(String path, String method) {
        String[] segments = path.split("/", -1);
        if (segments.length > 2) {
            throw notFound(path);
        }
        String label = segments.length == 2 ? segments[0] : Profiles.DEFAULT_LABEL;
        EstOperation operation = EstOperation.fromPathSegment(segments[segments.length - 1])
                .orElseThrow(() -> notFound(path));
        if (!operation.method().equals(method)) {
            throw new RequestRejected(Problem.METHOD_NOT_ALLOWED, "/" + operation.pathSegment() + " takes "
                    + operation.method() + ", not " + method);
        }
        return new EstPath(label, operation);
    }

    private static RequestRejected notFound(String path) {
        return new RequestRejected(Problem.NOT_FOUND, "no EST operation at /.well-known/est/" + path
                + "; expected /.well-known/est/[<label>/]{cacerts|simpleenroll|simplereenroll|csrattrs|serverkeygen|fullcmc}");
    }
}
