package dev.estserver.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Opens TLS connections to the EST server: PKIX validation against the given trust anchors only, host name
 * verification, TLS 1.3 and 1.2. Whether a connection may resume a session is decided by the {@link SSLContext} it
 * is opened with, since each context has its own client session cache keyed by host and port.
 */
final class TlsConnector {

    static final int TIMEOUT_MILLIS = 30_000;

    private final String host;
    private final int port;
    private final InetSocketAddress address;
    private final KeyManager[] keyManagers;
    private final TrustManager[] trustManagers;

    TlsConnector(URI estBase, List<X509Certificate> trustAnchors, ClientCredentials credentials) {
        this.host = estBase.getHost();
        this.port = estBase.getPort() < 0 ? 443 : estBase.getPort();
        // Resolved once: name resolution is not part of what a scenario measures.
        this.address = new InetSocketAddress(host, port);
        try {
            this.trustManagers = trustManagers(trustAnchors);
            this.keyManagers = credentials instanceof ClientCredentials.ClientCertificate certificate
                    ? keyManagers(certificate)
                    : null;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot set up TLS with the given trust anchors and credentials: " + e,
                    e);
        }
    }

    /** A context with an empty session cache: the first connection opened with it makes a full handshake. */
    SSLContext newContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers, trustManagers, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot create a TLS context", e);
        }
    }

    /** Connects and completes the handshake, offering the context's cached session for this server if it has one. */
    HttpsConnection connect(SSLContext context) throws IOException {
        Socket tcp = new Socket();
        try {
            tcp.setTcpNoDelay(true);
            tcp.connect(address, TIMEOUT_MILLIS);
            tcp.setSoTimeout(TIMEOUT_MILLIS);
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(tcp, host, port, true);
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            tls.setSSLParameters(parameters);
            tls.startHandshake();
            return new HttpsConnection(tcp, tls);
        } catch (IOException | RuntimeException e) {
            tcp.close();
            throw e;
        }
    }

    private static TrustManager[] trustManagers(List<X509Certificate> trustAnchors)
            throws GeneralSecurityException, IOException {
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        for (int i = 0; i < trustAnchors.size(); i++) {
            anchors.setCertificateEntry("anchor-" + i, trustAnchors.get(i));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(anchors);
        return factory.getTrustManagers();
    }

    private static KeyManager[] keyManagers(ClientCredentials.ClientCertificate certificate)
            throws GeneralSecurityException, IOException {
        char[] password = "in-memory".toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("client", certificate.key(), password, certificate.chain().toArray(X509Certificate[]::new));
        KeyManagerFactory factory = KeyManagerFactory.getInstance("PKIX");
        factory.init(store, password);
        return factory.getKeyManagers();
    }
}
