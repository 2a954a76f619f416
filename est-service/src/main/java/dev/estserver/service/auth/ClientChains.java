package dev.estserver.service.auth;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import io.vertx.core.http.HttpServerRequest;

/**
 * The TLS client certificate chain of a request: leaf first, empty when the client sent none. Here in auth, which
 * judges it, rather than in tls, which asks for it and already depends on auth.
 */
public final class ClientChains {

    private ClientChains() {
    }

    public static List<X509Certificate> of(HttpServerRequest request) {
        SSLSession session = request.sslSession();
        if (session == null) {
            return List.of();
        }
        try {
            Certificate[] chain = session.getPeerCertificates();
            return Arrays.stream(chain).map(X509Certificate.class::cast).toList();
        } catch (SSLPeerUnverifiedException e) {
            return List.of();
        }
    }
}
