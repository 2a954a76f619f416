package dev.estserver.service.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

import jakarta.inject.Singleton;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.TrustOptions;

import dev.estserver.service.auth.ClientCertificateTrust;
import dev.estserver.service.ca.PkiMaterial;
import dev.estserver.service.config.EstConfig;

/**
 * Configures the HTTPS listener from our own configuration: the server chain (configured or demo), TLS 1.2 and
 * 1.3 only, client certificates requested but not required, so that HTTP Basic bootstrap and certificate
 * authentication share one port, and the TLS stack ({@link TlsEngine}).
 */
@Singleton
public class EstHttpsServer implements HttpServerOptionsCustomizer {

    private static final Set<String> ALLOWED_PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");

    private final EstConfig config;
    private final PkiMaterial pki;
    private final ClientCertificateTrust clientTrust;
    private final TlsEngine engine;

    EstHttpsServer(EstConfig config, PkiMaterial pki, ClientCertificateTrust clientTrust, TlsEngine engine) {
        this.config = config;
        this.pki = pki;
        this.clientTrust = clientTrust;
        this.engine = engine;
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        Set<String> protocols = config.tls().protocols();
        if (protocols.isEmpty() || !ALLOWED_PROTOCOLS.containsAll(protocols)) {
            throw new IllegalStateException("est.tls.protocols: only " + ALLOWED_PROTOCOLS + " may be enabled, got "
                    + protocols);
        }
        try {
            options.setSsl(true)
                    .setKeyCertOptions(engine.keyCertOptions(pki.tlsCertFile(), pki.tlsKeyFile()))
                    .setTrustOptions(TrustOptions.wrap(new DeferredClientTrustManager(clientTrust.acceptedIssuers())))
                    .setClientAuth(ClientAuth.REQUEST)
                    .setEnabledSecureTransportProtocols(protocols)
                    // An HTTP/1.0 client that offers ALPN "http/1.0" (curl --http1.0 does) would otherwise get a
                    // fatal no_application_protocol alert instead of an answer.
                    .setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1, HttpVersion.HTTP_1_0));
            engine.configure(options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the TLS server certificate or key: " + e.getMessage(), e);
        }
    }
}
