package dev.estserver.bench.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;

import dev.estserver.service.ca.CertificateRequestData;
import dev.estserver.service.ca.CertificateTemplate;
import dev.estserver.service.ca.IssuingCa;
import dev.estserver.service.ca.KeyPairs;
import dev.estserver.service.ca.PemFiles;
import dev.estserver.service.ca.SelfSignedCa;

/**
 * The PKI of one CA's run: an issuing CA of the algorithm under test, and a TLS server certificate for localhost
 * from a separate ECDSA root, so that the TLS handshake costs the same whichever CA signs the enrollments. The TLS
 * root is the load generator's trust anchor.
 */
public record BenchPki(Path caCert, Path caKey, Path tlsCert, Path tlsKey, Path tlsRoot) {

    private static final Duration VALIDITY = Duration.ofDays(30);
    private static final CertificateTemplate TLS_SERVER = new CertificateTemplate(VALIDITY,
            KeyUsage.digitalSignature, List.of(KeyPurposeId.id_kp_serverAuth));

    /** Generates fresh material in {@code dir}, replacing what an earlier run left there. */
    public static BenchPki generate(Path dir, CaAlgorithm algorithm) {
        BenchPki pki = new BenchPki(dir.resolve("ca.pem"), dir.resolve("ca-key.pem"), dir.resolve("tls.pem"),
                dir.resolve("tls-key.pem"), dir.resolve("tls-root.pem"));
        try {
            Files.createDirectories(dir);
            KeyPair caKeys = algorithm.generateKeys();
            X509CertificateHolder ca = SelfSignedCa.create(
                    new X500Name("CN=est-bench " + algorithm.id() + " CA,O=est-server bench"), caKeys, VALIDITY);
            PemFiles.writePrivateKey(pki.caKey, caKeys.getPrivate());
            Files.writeString(pki.caCert, PemFiles.toPem(ca), StandardCharsets.US_ASCII);

            KeyPair rootKeys = KeyPairs.ecP256();
            X509CertificateHolder root = SelfSignedCa.create(new X500Name("CN=est-bench TLS root,O=est-server bench"),
                    rootKeys, VALIDITY);
            Files.writeString(pki.tlsRoot, PemFiles.toPem(root), StandardCharsets.US_ASCII);
            IssuingCa tlsIssuer = IssuingCa.of(rootKeys.getPrivate(), PemFiles.readCertificates(pki.tlsRoot));

            KeyPair serverKeys = KeyPairs.ecP256();
            GeneralNames names = new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1") });
            CertificateRequestData request = new CertificateRequestData(new X500Name("CN=localhost"),
                    Optional.of(names), SubjectPublicKeyInfo.getInstance(serverKeys.getPublic().getEncoded()));
            X509CertificateHolder server = tlsIssuer.issue(TLS_SERVER, request, Instant.now());
            PemFiles.writePrivateKey(pki.tlsKey, serverKeys.getPrivate());
            Files.writeString(pki.tlsCert, PemFiles.toPem(server, root), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the bench PKI to " + dir + ": " + e.getMessage(), e);
        }
        return pki;
    }

    /** The issuing CA as the service parses it at startup. */
    public IssuingCa issuingCa() {
        return IssuingCa.of(caPrivateKey(), caChain());
    }

    /** The issuing CA's key, as the service reads it. */
    public PrivateKey caPrivateKey() {
        return PemFiles.readPrivateKey(caKey);
    }

    /** The issuing CA's certificate chain, as the service reads it. */
    public List<X509Certificate> caChain() {
        return PemFiles.readCertificates(caCert);
    }

    public List<X509Certificate> trustAnchors() {
        return PemFiles.readCertificates(tlsRoot);
    }
}
