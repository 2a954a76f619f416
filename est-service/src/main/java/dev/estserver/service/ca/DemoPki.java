package dev.estserver.service.ca;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
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
import org.jboss.logging.Logger;

/**
 * The demo PKI of {@code make run} and the tests: a root CA that issues device certificates directly, and a TLS
 * server certificate for localhost signed by it, so {@code ca.pem} is the only trust anchor a client needs.
 * Generated once, reused afterwards; the TLS certificate is renewed when it nears expiry.
 */
public final class DemoPki {

    public static final String CA_CERT = "ca.pem";
    public static final String CA_KEY = "ca-key.pem";
    public static final String TLS_CERT = "tls.pem";
    public static final String TLS_KEY = "tls-key.pem";

    private static final Logger LOG = Logger.getLogger(DemoPki.class);
    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final Duration TLS_VALIDITY = Duration.ofDays(397);
    private static final Duration TLS_RENEW_BEFORE = Duration.ofDays(30);
    private static final CertificateTemplate TLS_SERVER = new CertificateTemplate(TLS_VALIDITY,
            KeyUsage.digitalSignature, List.of(KeyPurposeId.id_kp_serverAuth));

    private DemoPki() {
    }

    /** Makes sure the demo material exists in {@code dir}; generates what is missing or expiring. */
    public static synchronized void ensure(Path dir) {
        try {
            Files.createDirectories(dir);
            Path caCert = dir.resolve(CA_CERT);
            Path caKey = dir.resolve(CA_KEY);
            if (!Files.exists(caCert) || !Files.exists(caKey)) {
                generateCa(caCert, caKey);
                Files.deleteIfExists(dir.resolve(TLS_CERT));
            }
            Path tlsCert = dir.resolve(TLS_CERT);
            if (!Files.exists(tlsCert) || !Files.exists(dir.resolve(TLS_KEY)) || expiresSoon(tlsCert)) {
                IssuingCa ca = IssuingCa.of(PemFiles.readPrivateKey(caKey), PemFiles.readCertificates(caCert));
                generateTlsCertificate(ca, tlsCert, dir.resolve(TLS_KEY));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write demo PKI to " + dir.toAbsolutePath() + ": " + e.getMessage(),
                    e);
        }
    }

    private static void generateCa(Path certFile, Path keyFile) throws IOException {
        KeyPair keys = KeyPairs.ecP256();
        X500Name name = new X500Name("CN=EST Demo Root CA,O=est-server demo");
        X509CertificateHolder cert = SelfSignedCa.create(name, keys, CA_VALIDITY);
        PemFiles.writePrivateKey(keyFile, keys.getPrivate());
        Files.writeString(certFile, PemFiles.toPem(cert), StandardCharsets.US_ASCII);
        LOG.infof("generated demo CA %s in %s", name, certFile.toAbsolutePath());
    }

    private static void generateTlsCertificate(IssuingCa ca, Path certFile, Path keyFile) throws IOException {
        KeyPair keys = KeyPairs.ecP256();
        GeneralNames names = new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.iPAddress, "::1") });
        CertificateRequestData request = new CertificateRequestData(new X500Name("CN=localhost"), Optional.of(names),
                SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()));
        X509CertificateHolder cert = ca.issue(TLS_SERVER, request, Instant.now());
        PemFiles.writePrivateKey(keyFile, keys.getPrivate());
        Files.writeString(certFile, PemFiles.toPem(cert, ca.certificate()), StandardCharsets.US_ASCII);
        LOG.infof("generated demo TLS server certificate for localhost, 127.0.0.1 and ::1 in %s",
                certFile.toAbsolutePath());
    }

    private static boolean expiresSoon(Path certFile) {
        X509Certificate cert = PemFiles.readCertificates(certFile).getFirst();
        return cert.getNotAfter().toInstant().isBefore(Instant.now().plus(TLS_RENEW_BEFORE));
    }
}
