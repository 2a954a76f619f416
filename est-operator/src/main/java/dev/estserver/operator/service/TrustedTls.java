package dev.estserver.operator.service;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import dev.estserver.operator.pki.Pem;

/**
 * TLS that trusts exactly the PEM bundle a service publishes, never the JDK's public roots: the service's certificate
 * comes from its own CA.
 */
final class TrustedTls {

    /** TLS 1.2 and later only. */
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private TrustedTls() {
    }

    /**
     * @param serverName the DNS name the service's certificate must be issued for instead of the URL's host, if set
     * @throws IllegalArgumentException when the bundle holds no certificate or is not PEM certificates
     */
    static SSLContext context(String trustPem, Optional<String> serverName) {
        List<X509Certificate> certificates;
        try {
            certificates = Pem.certificates(trustPem);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the service's CA bundle is not usable: " + e.getMessage(), e);
        }
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            int i = 0;
            for (X509Certificate certificate : certificates) {
                trust.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory managers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            managers.init(trust);
            // The PKIX factory makes exactly one trust manager, an X509ExtendedTrustManager.
            TrustManager pkix = managers.getTrustManagers()[0];
            TrustManager checker = serverName.<TrustManager>map(
                    name -> new ServerNameTrustManager((X509TrustManager) pkix, name)).orElse(pkix);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {checker}, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a trust store of the service's CA bundle", e);
        }
    }

    static SSLParameters parameters() {
        SSLParameters parameters = new SSLParameters();
        parameters.setProtocols(PROTOCOLS);
        return parameters;
    }
}
