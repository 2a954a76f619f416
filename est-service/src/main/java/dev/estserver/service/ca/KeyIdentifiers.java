package dev.estserver.service.ca;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;

import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Key identifiers: the SubjectKeyIdentifier a certificate carries, else RFC 5280 §4.2.1.2 method (1), the SHA-1 of
 * the subjectPublicKey bits, which is what OpenSSL and BouncyCastle put in the certificates and CMS messages they
 * make. Computed here rather than with BouncyCastle's {@code BcX509ExtensionUtils}, whose digest buffer must not be
 * shared between threads.
 */
public final class KeyIdentifiers {

    private KeyIdentifiers() {
    }

    /** Method (1) for {@code key}. */
    public static byte[] of(SubjectPublicKeyInfo key) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(key.getPublicKeyData().getBytes());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The certificate's SubjectKeyIdentifier, else method (1) for its key. */
    public static byte[] of(X509CertificateHolder certificate) {
        SubjectKeyIdentifier ski = SubjectKeyIdentifier.fromExtensions(certificate.getExtensions());
        return ski != null ? ski.getKeyIdentifier() : of(certificate.getSubjectPublicKeyInfo());
    }

    public static byte[] of(X509Certificate certificate) {
        try {
            return of(new X509CertificateHolder(certificate.getEncoded()));
        } catch (CertificateEncodingException | IOException e) {
            throw new IllegalStateException("cannot read certificate " + certificate.getSubjectX500Principal() + ": "
                    + e.getMessage(), e);
        }
    }
}
