package dev.estserver.service.support;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import dev.estserver.service.ca.DemoPki;
import dev.estserver.service.ca.PemFiles;

/** TLS contexts of test clients: they trust the demo CA the test service generated, as a real client would. */
public final class TestTls {

    /** Where the test profile's demo PKI lives (est.demo.dir in %test). */
    public static final Path DEMO_DIR = Path.of("target/est-test");

    private TestTls() {
    }

    public static Path caFile() {
        return DEMO_DIR.resolve(DemoPki.CA_CERT);
    }

    public static X509Certificate caCertificate() {
        return PemFiles.readCertificates(caFile()).getFirst();
    }

    public static PrivateKey caKey() {
        return PemFiles.readPrivateKey(DEMO_DIR.resolve(DemoPki.CA_KEY));
    }

    public static SSLContext context() {
        return context(null, List.of());
    }

    /** A context that presents {@code chain} with {@code key} as TLS client certificate. */
    public static SSLContext context(PrivateKey key, List<X509Certificate> chain) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(key == null ? null : new KeyManager[] {keyManager(key, chain)},
                    new TrustManager[] {trustManager()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Trusts the demo CA only, for clients that take a trust manager rather than a context. */
    public static X509TrustManager trustManager() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("est-ca", caCertificate());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            return (X509TrustManager) tmf.getTrustManagers()[0];
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Presents {@code chain} with {@code key} whatever CA names the server asks for. */
    public static KeyManager keyManager(PrivateKey key, List<X509Certificate> chain) {
        return new AlwaysPresentKeyManager(key, chain.toArray(X509Certificate[]::new));
    }
}
