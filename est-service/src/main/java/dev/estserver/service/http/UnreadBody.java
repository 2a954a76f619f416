package dev.estserver.service.http;

import jakarta.inject.Singleton;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;

import dev.estserver.service.config.EstConfig;

/**
 * What becomes of a request body that was still arriving when its answer was sent: a 413 for a body over the limit
 * (declared, or streamed past it), or a refusal that did not need the body. Closing the connection at once, as
 * Vert.x and Quarkus do for their own 413, leaves unread bytes in the socket, and the kernel then answers them with
 * a TCP reset that can destroy the answer before the client reads it; on HTTP/2 a {@code Connection} header or a
 * connection close takes every other stream down with it (curl reported status 000 and PROTOCOL_ERROR). Instead
 * the rest is read and thrown away, at most {@code est.limits.unread-body-discard} bytes within
 * {@code est.limits.unread-body-timeout}, like a lingering close. Then an HTTP/1.x connection goes on as if the body
 * had been read (or closes, when the answer said so) and an HTTP/2 stream ends normally. Past either bound the
 * client is cut off: an HTTP/1.x connection is closed, an HTTP/2 stream is reset with NO_ERROR, which RFC 9113
 * §8.1 provides for exactly this ("a complete response prior to the client sending an entire request").
 */
@Singleton
class UnreadBody {

    /** RFC 9113 §7. */
    private static final long HTTP2_NO_ERROR = 0;

    private final Vertx vertx;
    private final long discardLimit;
    private final long timeoutMillis;

    UnreadBody(Vertx vertx, EstConfig config) {
        this.vertx = vertx;
        this.discardLimit = config.limits().unreadBodyDiscard().asLongValue();
        this.timeoutMillis = config.limits().unreadBodyTimeout().toMillis();
    }

    /**
     * As an HTTP/1.x answer's headers are written: a request that declares more unread body than will be
     * discarded is told that its connection closes after the answer, since it cannot carry another request.
     */
    void announceClose(HttpServerRequest request, MultiMap responseHeaders) {
        if (!request.isEnded() && unreadDeclared(request) > discardLimit) {
            responseHeaders.set(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        }
    }

    /** Once the answer is written: read and discard whatever of the request body is still to come. */
    void discardRest(HttpServerRequest request) {
        if (arrived(request)) {
            return;
        }
        boolean http2 = request.version() == HttpVersion.HTTP_2;
        if (http2 && unreadDeclared(request) > discardLimit) {
            cutOff(request);
            return;
        }
        boolean closeAtEnd = !http2 && HttpHeaders.CLOSE.toString()
                .equalsIgnoreCase(request.response().headers().get(HttpHeaders.CONNECTION));
        long timer = vertx.setTimer(timeoutMillis, fired -> cutOff(request));
        long[] discarded = {0};
        try {
            request.handler(chunk -> {
                discarded[0] += chunk.length();
                if (discarded[0] > discardLimit) {
                    vertx.cancelTimer(timer);
                    cutOff(request);
                }
            });
            request.exceptionHandler(failure -> vertx.cancelTimer(timer));
            request.endHandler(end -> {
                vertx.cancelTimer(timer);
                if (closeAtEnd) {
                    request.connection().close();
                }
            });
            request.resume();
        } catch (IllegalStateException ended) {
            // The body ended between the check above and here: nothing is left to discard.
            vertx.cancelTimer(timer);
            if (closeAtEnd) {
                request.connection().close();
            }
        }
    }

    /**
     * Whether the whole body has arrived. One read to its end is left paused by its reader, and Vert.x counts a paused
     * HTTP/1.x request as not ended until it is resumed. Taken for unread, every enrollment kept its request in
     * memory for 10 s under a timer that then closed the keep-alive connection it came on, however many requests
     * later (at 1,300 enrollments/s about 100 MB live of the benchmark's 192 MB heap, and GC time tripled).
     */
    private static boolean arrived(HttpServerRequest request) {
        if (!request.isEnded() && request.version() != HttpVersion.HTTP_2) {
            request.resume();
        }
        return request.isEnded();
    }

    private static long unreadDeclared(HttpServerRequest request) {
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared == null) {
            return 0;
        }
        try {
            return Long.parseLong(declared.trim()) - request.bytesRead();
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void cutOff(HttpServerRequest request) {
        if (request.version() == HttpVersion.HTTP_2) {
            request.response().reset(HTTP2_NO_ERROR);
        } else {
            request.connection().close();
        }
    }
}
