package dev.estserver.service.support;

import javax.net.ssl.SSLEngine;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;

import io.netty.handler.ssl.SslHandler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Test-only endpoint: names the TLS engine and session classes behind a request, so that a test can pin down that
 * channel binding runs on the JDK's own TLS implementation rather than a wrapper or a native engine.
 */
@Path("/test-support/tls")
public class TlsSessionProbe {

    @GET
    public String describe(@Context HttpServerRequest request) {
        SSLEngine engine = ((ConnectionBase) request.connection()).channel().pipeline().get(SslHandler.class).engine();
        return "engine=" + engine.getClass().getName() + "\nsession=" + request.sslSession().getClass().getName()
                + "\n";
    }
}
