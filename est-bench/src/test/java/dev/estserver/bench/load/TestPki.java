package dev.estserver.bench.load;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSAbsentContent;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.CollectionStore;

/** A throwaway EC CA for tests: a TLS server certificate for localhost, device certificates, certs-only PKCS#7. */
final class TestPki {

    final KeyPair caKey = newKey();
    final X500Name caName = new X500Name("CN=Test EST CA");
    final X509CertificateHolder caCertificate;
    final KeyPair serverKey = newKey();
    final X509CertificateHolder serverCertificate;
    private final AtomicLong serial = new AtomicLong(1);

    TestPki() throws Exception {
        caCertificate = sign(builder(caName, SubjectPublicKeyInfo.getInstance(caKey.getPublic().getEncoded()))
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true)));
        serverCertificate = sign(builder(new X500Name("CN=localhost"),
                SubjectPublicKeyInfo.getInstance(serverKey.getPublic().getEncoded()))
                .addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.dNSName, "localhost"))));
    }

    static KeyPair newKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    X509CertificateHolder issue(X500Name subject, SubjectPublicKeyInfo publicKey) throws Exception {
        return sign(builder(subject, publicKey));
    }

    /** The base64 a server sends, wrapped in CRLF-separated lines as RFC 8951 §3.1 allows. */
    static byte[] certsOnly(X509CertificateHolder... certificates) throws Exception {
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addCertificates(new CollectionStore<>(List.of(certificates)));
        byte[] der = generator.generate(new CMSAbsentContent()).getEncoded();
        return Base64.getMimeEncoder().encode(der);
    }

    static X509Certificate x509(X509CertificateHolder holder) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    private X509v3CertificateBuilder builder(X500Name subject, SubjectPublicKeyInfo publicKey) {
        Instant now = Instant.now();
        return new X509v3CertificateBuilder(caName, BigInteger.valueOf(serial.getAndIncrement()),
                Date.from(now.minus(1, ChronoUnit.HOURS)), Date.from(now.plus(1, ChronoUnit.DAYS)), subject, publicKey);
    }

    private X509CertificateHolder sign(X509v3CertificateBuilder builder) throws Exception {
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(caKey.getPrivate());
        return builder.build(signer);
    }
}
