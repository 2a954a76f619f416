package dev.estserver.service.revocation;

import java.util.List;
import java.util.concurrent.CompletionException;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.runtime.VertxHttpBuildTimeConfig;
import io.quarkus.vertx.http.runtime.VertxHttpConfig;
import io.quarkus.vertx.http.runtime.VertxHttpRecorder;
import io.quarkus.vertx.http.runtime.options.HttpServerOptionsUtils;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

import dev.estserver.service.config.EstConfig;
import dev.estserver.service.config.StartupOrder;

/**
 * The plain-HTTP listener of {@code est.revocation.http.*}, for relying parties that fetch CRLs and ask OCSP over
 * http. It hands every request to the root handler of Quarkus's HTTP layer, as Quarkus's own plain port would, so
 * that {@link CrlResource} and {@link OcspResource} answer with the same code, limits, metrics and logs as on HTTPS;
 * {@code http.PlainHttpRequests} on that router turns away everything else that arrives without TLS.
 * A second listener rather than {@code quarkus.http.insecure-requests=enabled}, which would open the plain port for
 * every path and leave a single filter between it and EST.
 */
@Singleton
class RevocationHttpServer {

    private static final Logger LOG = Logger.getLogger(RevocationHttpServer.class);

    private final Vertx vertx;
    private final EstConfig.Revocation.Http config;
    private final VertxHttpBuildTimeConfig quarkusBuildTime;
    private final VertxHttpConfig quarkusHttp;
    private HttpServer server;

    RevocationHttpServer(Vertx vertx, EstConfig config, VertxHttpBuildTimeConfig quarkusBuildTime,
            VertxHttpConfig quarkusHttp) {
        this.vertx = vertx;
        this.config = config.revocation().http();
        this.quarkusBuildTime = quarkusBuildTime;
        this.quarkusHttp = quarkusHttp;
    }

    /** Bound at startup, so that a port in use stops the service instead of leaving relying parties unanswered. */
    void start(@Observes @Priority(StartupOrder.LISTENERS) StartupEvent event) {
        if (config.port().isEmpty()) {
            return;
        }
        int port = config.port().getAsInt();
        if (port < 1 || port > 65_535) {
            throw new IllegalStateException("est.revocation.http.port must be a port number from 1 to 65535, got "
                    + port);
        }
        HttpServerOptions options = new HttpServerOptions();
        // Idle timeout, header and line limits as Quarkus sets them for its own plain port from quarkus.http.*.
        HttpServerOptionsUtils.applyCommonOptions(options, quarkusBuildTime, quarkusHttp, List.of());
        options.setHost(config.host()).setPort(port);
        HttpServer listener = vertx.createHttpServer(options).requestHandler(VertxHttpRecorder.getRootHandler());
        try {
            listener.listen().toCompletionStage().toCompletableFuture().join();
        } catch (CompletionException e) {
            throw new IllegalStateException("est.revocation.http.port: cannot listen on " + config.host() + ":"
                    + port + ": " + e.getCause().getMessage(), e.getCause());
        }
        server = listener;
        LOG.infof("CRL and OCSP over plain HTTP on %s:%d", config.host(), port);
    }

    void stop(@Observes ShutdownEvent event) {
        if (server != null) {
            server.close().toCompletionStage().toCompletableFuture().join();
            server = null;
        }
    }
}
