package dev.estserver.service.protocol.est;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;

/** What became of an EST POST's body: read whole, or refused because it is too large or could not be read. */
sealed interface RequestBody {

    String KEY = RequestBody.class.getName();

    /** The whole body, or the refusal of a body that is too large or could not be read. */
    byte[] bytes();

    /**
     * The body {@link RequestBodyReader} read on the event loop, or else, for an HTTP/2 request, which it leaves
     * alone, the body read here from the request's stream, within the same limit.
     */
    static byte[] of(RoutingContext context, InputStream stream, long limit) {
        RequestBody read = context.get(KEY);
        return (read != null ? read : streamed(context.request(), stream, limit)).bytes();
    }

    private static RequestBody streamed(HttpServerRequest request, InputStream stream, long limit) {
        Optional<RequestBody> refused = refusedByDeclaredLength(request, limit);
        if (refused.isPresent()) {
            return refused.get();
        }
        try {
            byte[] bytes = stream.readNBytes((int) limit + 1);
            return bytes.length > limit ? TooLarge.streamed(limit) : new Whole(bytes);
        } catch (IOException e) {
            return new Malformed("request body could not be read: " + e.getMessage());
        }
    }

    /** A Content-Length that is no number, or over the limit: such a body is not read at all. */
    static Optional<RequestBody> refusedByDeclaredLength(HttpServerRequest request, long limit) {
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared == null) {
            return Optional.empty();
        }
        try {
            long length = Long.parseLong(declared.trim());
            return length > limit
                    ? Optional.of(new TooLarge(limit, declared + " bytes declared in Content-Length"))
                    : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.of(new Malformed("Content-Length '" + declared + "' is not a number"));
        }
    }

    record Whole(byte[] bytes) implements RequestBody {
    }

    /** Over est.limits.max-body-size; the rest is not read here (http.UnreadBody discards it after the 413). */
    record TooLarge(long limit, String seen) implements RequestBody {

        static TooLarge streamed(long limit) {
            return new TooLarge(limit, "more than " + limit + " bytes sent");
        }

        @Override
        public byte[] bytes() {
            throw new RequestRejected(Problem.TOO_LARGE, "request body too large: at most " + limit
                    + " bytes are accepted, " + seen);
        }
    }

    record Malformed(String reason) implements RequestBody {
        @Override
        public byte[] bytes() {
            throw new RequestRejected(Problem.MALFORMED, reason);
        }
    }
}
