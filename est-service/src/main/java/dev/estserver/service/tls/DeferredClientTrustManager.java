package dev.estserver.service.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Server-side trust manager that accepts any client certificate chain during the handshake. TLS still proves that
 * the client holds the certificate's private key (CertificateVerify); whether the chain is trusted is decided per
 * operation by {@code auth.ClientCertificateTrust}, which answers with an HTTP status and a reason. Rejecting in
 * the handshake would give clients only an opaque TLS alert, even on operations that need no certificate.
 */
final class DeferredClientTrustManager extends X509ExtendedTrustManager {

    private final X509Certificate[] acceptedIssuers;

    DeferredClientTrustManager(List<X509Certificate> acceptedIssuers) {
        this.acceptedIssuers = acceptedIssuers.toArray(X509Certificate[]::new);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        requireChain(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        requireChain(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        requireChain(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("this trust manager only serves the EST server side");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("this trust manager only serves the EST server side");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("this trust manager only serves the EST server side");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return acceptedIssuers.clone();
    }

    private static void requireChain(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("empty client certificate chain");
        }
    }
}
