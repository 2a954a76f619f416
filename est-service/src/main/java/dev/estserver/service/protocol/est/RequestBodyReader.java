package dev.estserver.service.protocol.est;

import java.time.Duration;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

import dev.estserver.service.config.EstConfig;

/**
 * Reads the body of every EST POST over HTTP/1.x on the event loop, before the resource's virtual thread starts, so
 * that the thread finds it whole ({@link RequestBody}). Read on the thread through Quarkus REST's blocking stream,
 * each chunk and the end of the body were handed from the event loop to the thread: at 8 concurrent clients those
 * handoffs were a sixth of the service's CPU samples (README, Benchmark: measured design decisions).
 * <p>
 * Bounded as that stream was: a body over {@code est.limits.max-body-size}, declared or streamed, stops being read
 * (http.UnreadBody discards the rest after the 413), and a body that stops arriving for
 * {@code quarkus.http.read-timeout} is refused and its connection closed after the answer. The resource runs in
 * every case and refuses with the reason, so that each refusal is logged and audited once like any other.
 * <p>
 * HTTP/2 requests keep the stream: Quarkus REST pauses every request it starts, and Vert.x refuses to pause an
 * HTTP/2 stream that has ended.
 */
@Singleton
class RequestBodyReader {

    /** After http.PlainHttpRequests (9 000): a plain-HTTP request never gets here. */
    private static final int PRIORITY = 8_000;

    private static final String EST_PATH = "/.well-known/est/";

    private final Vertx vertx;
    private final long maxBodySize;
    private final Duration readTimeout;

    RequestBodyReader(Vertx vertx, EstConfig config,
            @ConfigProperty(name = "quarkus.http.read-timeout") Duration readTimeout) {
        this.vertx = vertx;
        this.maxBodySize = config.limits().maxBodySize().asLongValue();
        this.readTimeout = readTimeout;
    }

    void register(@Observes Filters filters) {
        filters.register(this::read, PRIORITY);
    }

    private void read(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.method() != HttpMethod.POST || request.version() == HttpVersion.HTTP_2
                || !context.normalizedPath().startsWith(EST_PATH)) {
            context.next();
            return;
        }
        RequestBody.refusedByDeclaredLength(request, maxBodySize)
                .ifPresentOrElse(refused -> deliver(context, refused), () -> new Reading(context).start());
    }

    /**
     * Quarkus REST gives the resource's stream parameter the body set here, and never reads the request itself:
     * it must not, once the request has ended.
     */
    private static void deliver(RoutingContext context, RequestBody body) {
        context.put(RequestBody.KEY, body);
        context.setBody(body instanceof RequestBody.Whole whole ? Buffer.buffer(whole.bytes()) : Buffer.buffer());
        context.next();
    }

    /** One body on its way in; everything here runs on the request's event loop. */
    private final class Reading {

        private final RoutingContext context;
        private final HttpServerRequest request;
        private final Buffer received = Buffer.buffer();
        private long timer;
        private boolean delivered;

        Reading(RoutingContext context) {
            this.context = context;
            this.request = context.request();
        }

        void start() {
            if (request.isEnded()) {
                finish(new RequestBody.Whole(new byte[0]));
                return;
            }
            timer = vertx.setTimer(readTimeout.toMillis(), fired -> stalled());
            request.handler(this::chunk);
            request.endHandler(end -> finish(new RequestBody.Whole(received.getBytes())));
            request.exceptionHandler(failure -> finish(
                    new RequestBody.Malformed("request body could not be read: " + failure.getMessage())));
            request.resume();
        }

        private void chunk(Buffer chunk) {
            if (delivered) {
                return;
            }
            if (received.length() + chunk.length() > maxBodySize) {
                request.pause();
                finish(RequestBody.TooLarge.streamed(maxBodySize));
                return;
            }
            received.appendBuffer(chunk);
        }

        /** The client is told why, then its connection is closed: it is not sending the rest. */
        private void stalled() {
            if (!delivered) {
                context.addEndHandler(answered -> request.connection().close());
                finish(new RequestBody.Malformed("request body could not be read: no data for "
                        + readTimeout.toSeconds() + "s (quarkus.http.read-timeout), " + received.length()
                        + " bytes received"));
            }
        }

        private void finish(RequestBody body) {
            if (delivered) {
                return;
            }
            delivered = true;
            vertx.cancelTimer(timer);
            deliver(context, body);
        }
    }
}
