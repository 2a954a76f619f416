package dev.estserver.service.ca;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;

/** A self-signed root CA certificate. */
public final class SelfSignedCa {

    private SelfSignedCa() {
    }

    public static X509CertificateHolder create(X500Name name, KeyPair keys, Duration validity) {
        Instant now = Instant.now();
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(name, SerialNumbers.next(),
                Date.from(now.minus(CertificateIssuer.BACKDATE)), Date.from(now.plus(validity)), name, spki);
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    new SubjectKeyIdentifier(KeyIdentifiers.of(spki)));
        } catch (CertIOException e) {
            throw new IllegalStateException(e);
        }
        return builder.build(SignatureAlgorithms.signer(keys.getPrivate()));
    }
}
