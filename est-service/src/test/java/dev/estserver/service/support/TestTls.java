package dev.estserver.service.support;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

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
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("est-ca", caCertificate());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyManager[] keyManagers = key == null ? null
                    : new KeyManager[] {new AlwaysPresentKeyManager(key, chain.toArray(X509Certificate[]::new))};
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
