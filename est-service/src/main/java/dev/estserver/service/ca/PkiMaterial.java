package dev.estserver.service.ca;

import java.nio.file.Path;
import java.util.Optional;

import jakarta.inject.Singleton;

import io.quarkus.runtime.Startup;

import dev.estserver.service.config.StartupOrder;

import dev.estserver.service.config.EstConfig;

/**
 * Where the CA and TLS server material comes from: the configured PEM files, or in demo mode the generated
 * demo PKI. Three separate things are configured separately: the issuing CA, the server's TLS chain, and (in
 * {@code auth}) the CAs trusted for client authentication.
 */
@Singleton
@Startup(StartupOrder.CONFIGURATION)
public class PkiMaterial {

    private final IssuingCa issuingCa;
    private final Path tlsCertFile;
    private final Path tlsKeyFile;

    PkiMaterial(EstConfig config) {
        Optional<Path> demoDir = config.demo().enabled() ? Optional.of(config.demo().dir()) : Optional.empty();
        demoDir.ifPresent(DemoPki::ensure);
        Path caCert = resolve(config.ca().certFile(), demoDir, DemoPki.CA_CERT, "est.ca.cert-file");
        Path caKey = resolve(config.ca().keyFile(), demoDir, DemoPki.CA_KEY, "est.ca.key-file");
        this.tlsCertFile = resolve(config.tls().certFile(), demoDir, DemoPki.TLS_CERT, "est.tls.cert-file");
        this.tlsKeyFile = resolve(config.tls().keyFile(), demoDir, DemoPki.TLS_KEY, "est.tls.key-file");
        this.issuingCa = IssuingCa.of(PemFiles.readPrivateKey(caKey), PemFiles.readCertificates(caCert));
    }

    private static Path resolve(Optional<Path> configured, Optional<Path> demoDir, String demoFile, String property) {
        return configured.or(() -> demoDir.map(dir -> dir.resolve(demoFile)))
                .orElseThrow(() -> new IllegalStateException(property + " is not set: configure the CA and TLS files "
                        + "(est.ca.cert-file, est.ca.key-file, est.tls.cert-file, est.tls.key-file) or run in demo mode "
                        + "(est.demo.enabled=true)"));
    }

    public IssuingCa issuingCa() {
        return issuingCa;
    }

    public Path tlsCertFile() {
        return tlsCertFile;
    }

    public Path tlsKeyFile() {
        return tlsKeyFile;
    }
}
