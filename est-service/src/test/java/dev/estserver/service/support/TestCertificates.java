package dev.estserver.service.support;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;

import dev.estserver.service.ca.SerialNumbers;
import dev.estserver.service.ca.SignatureAlgorithms;

/** Certificates the service never issued: forged, expired, self-signed or from a manufacturer. */
public final class TestCertificates {

    private TestCertificates() {
    }

    public static X509Certificate signed(String subject, KeyPair keys, String issuer, PrivateKey issuerKey,
            BigInteger serial, Instant notBefore, Instant notAfter) {
        return certificate(subject, keys, issuer, issuerKey, serial, notBefore, notAfter, false);
    }

    /** A CA certificate: basicConstraints cA and a keyUsage with keyCertSign and cRLSign. */
    public static X509Certificate ca(String subject, KeyPair keys, String issuer, PrivateKey issuerKey,
            Instant notBefore, Instant notAfter) {
        return certificate(subject, keys, issuer, issuerKey, SerialNumbers.next(), notBefore, notAfter, true);
    }

    private static X509Certificate certificate(String subject, KeyPair keys, String issuer, PrivateKey issuerKey,
            BigInteger serial, Instant notBefore, Instant notAfter, boolean ca) {
        var builder = new X509v3CertificateBuilder(new X500Name(issuer), serial, Date.from(notBefore),
                Date.from(notAfter), new X500Name(subject),
                SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()));
        try {
            if (ca) {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            }
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(SignatureAlgorithms.signer(issuerKey)));
        } catch (CertificateException | CertIOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Valid from a minute ago for an hour. */
    public static X509Certificate signed(String subject, KeyPair keys, String issuer, PrivateKey issuerKey,
            BigInteger serial) {
        Instant now = Instant.now();
        return signed(subject, keys, issuer, issuerKey, serial, now.minusSeconds(60), now.plusSeconds(3600));
    }

    /** The serial number as the service records it (upper-case hex), to look the certificate up. */
    public static String serial(X509Certificate certificate) {
        return SerialNumbers.toHex(certificate.getSerialNumber());
    }

    public static X509Certificate selfSigned(String subject, KeyPair keys) {
        return signed(subject, keys, subject, keys.getPrivate(), BigInteger.TEN);
    }
}
