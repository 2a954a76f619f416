package dev.estserver.service.ca;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;

import dev.estserver.service.config.EstConfig;
import dev.estserver.service.config.StartupOrder;
import dev.estserver.service.crypto.CryptoProviders;

/**
 * Where the CA and TLS server material comes from: the configured PEM files, or in demo mode the generated
 * demo PKI. Three separate things are configured separately: the issuing CAs, the server's TLS chain, and (in
 * {@code auth}) the CAs trusted for client authentication. The issuing and TLS chain files are checked here, at
 * startup ({@link ChainCheck}), so that a wrong file is refused naming it instead of failing on the first request.
 */
@Singleton
@Startup(StartupOrder.CONFIGURATION)
public class PkiMaterial {

    private static final Logger LOG = Logger.getLogger(PkiMaterial.class);

    /** The name of the issuing CA configured under {@code est.ca}. */
    public static final String DEFAULT_CA = "default";

    private final Map<String, IssuingCa> issuingCas;
    private final Path tlsCertFile;
    private final Path tlsKeyFile;

    /** {@code providers}: chosen before any CA key is loaded, as each key is converted for its signing provider. */
    PkiMaterial(EstConfig config, CryptoProviders providers) {
        Optional<Path> demoDir = config.demo().enabled() ? Optional.of(config.demo().dir()) : Optional.empty();
        demoDir.ifPresent(DemoPki::ensure);
        Map<String, IssuingCa> cas = new LinkedHashMap<>();
        cas.put(DEFAULT_CA, load(config.ca(), "est.ca.", providers,
                resolve(config.ca().certFile(), demoDir, DemoPki.CA_CERT, "est.ca.cert-file"),
                resolve(config.ca().keyFile(), demoDir, DemoPki.CA_KEY, "est.ca.key-file")));
        config.cas().forEach((name, ca) -> {
            String prefix = "est.cas." + name + ".";
            if (DEFAULT_CA.equals(name)) {
                throw new IllegalStateException(prefix + "*: the name '" + DEFAULT_CA + "' is the CA of est.ca.*");
            }
            cas.put(name, load(ca, prefix, providers, required(ca.certFile(), prefix + "cert-file"),
                    required(ca.keyFile(), prefix + "key-file")));
        });
        config.revocation().baseUrl().ifPresentOrElse(base -> cas.replaceAll((name, ca) ->
                ca.withRevocationPointers(RevocationPointers.of(base, name))),
                () -> LOG.info("est.revocation.base-url is not set: issued certificates name no CRL distribution point "
                        + "and no OCSP responder (/crl/<ca>.crl and /ocsp are served all the same)"));
        this.issuingCas = Collections.unmodifiableMap(cas);
        this.tlsCertFile = resolve(config.tls().certFile(), demoDir, DemoPki.TLS_CERT, "est.tls.cert-file");
        this.tlsKeyFile = resolve(config.tls().keyFile(), demoDir, DemoPki.TLS_KEY, "est.tls.key-file");
        ConfiguredFile tlsKey = new ConfiguredFile("est.tls.key-file", tlsKeyFile);
        ChainCheck.tlsChain(new ConfiguredFile("est.tls.cert-file", tlsCertFile), tlsKey, tlsKey.privateKey(),
                Instant.now());
    }

    private static IssuingCa load(EstConfig.Ca config, String prefix, CryptoProviders providers, Path cert,
            Path key) {
        ConfiguredFile keyFile = new ConfiguredFile(prefix + "key-file", key);
        PrivateKey caKey = keyFile.privateKey();
        String anchorProperty = prefix + "trust-anchor-file";
        List<X509Certificate> chain = ChainCheck.issuingChain(new ConfiguredFile(prefix + "cert-file", cert), keyFile,
                caKey, anchorProperty, config.trustAnchorFile().map(file -> new ConfiguredFile(anchorProperty, file)),
                Instant.now());
        return IssuingCa.of(caKey, chain, providers).withRollover(config.rolloverCertFiles().orElse(List.of()).stream()
                .flatMap(file -> new ConfiguredFile(prefix + "rollover-cert-files", file).certificates().stream())
                .toList());
    }

    private static Path required(Optional<Path> configured, String property) {
        return configured.orElseThrow(() -> new IllegalStateException(property + " is not set"));
    }

    private static Path resolve(Optional<Path> configured, Optional<Path> demoDir, String demoFile, String property) {
        return configured.or(() -> demoDir.map(dir -> dir.resolve(demoFile)))
                .orElseThrow(() -> new IllegalStateException(property + " is not set: configure the CA and TLS files "
                        + "(est.ca.cert-file, est.ca.key-file, est.tls.cert-file, est.tls.key-file) or run in demo "
                        + "mode (est.demo.enabled=true)"));
    }

    /** All issuing CAs by name, the default first; the service finds them in {@link CertificateAuthorities}. */
    Map<String, IssuingCa> issuingCas() {
        return issuingCas;
    }

    public Path tlsCertFile() {
        return tlsCertFile;
    }

    public Path tlsKeyFile() {
        return tlsKeyFile;
    }
}
