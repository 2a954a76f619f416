package dev.estserver.service.ca;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;

/**
 * Builds end-entity certificates with BouncyCastle and has the CA's {@link CaSigner} sign them, for
 * {@link IssuingCa#issue}. Pure: no I/O, the time is passed in.
 */
public final class CertificateIssuer {

    /** Devices with slightly wrong clocks must accept a certificate issued a moment ago. */
    static final Duration BACKDATE = Duration.ofMinutes(5);

    private CertificateIssuer() {
    }

    static X509CertificateHolder issue(IssuingCa ca, CertificateTemplate template,
            CertificateRequestData request, Instant now) {
        BigInteger serial = SerialNumbers.next();
        Instant notBefore = now.minus(BACKDATE);
        Instant caNotAfter = ca.certificate().getNotAfter().toInstant();
        Instant notAfter = now.plus(template.validity());
        if (notAfter.isAfter(caNotAfter)) {
            notAfter = caNotAfter;
        }
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(ca.subject(), serial, Date.from(notBefore),
                Date.from(notAfter), request.subject(), request.publicKey());
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            int keyUsage = keyUsageFor(template.keyUsage(), CsrKey.of(request.publicKey()));
            if (keyUsage != 0) {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
            }
            if (!template.extendedKeyUsage().isEmpty()) {
                builder.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(template.extendedKeyUsage().toArray(KeyPurposeId[]::new)));
            }
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    new SubjectKeyIdentifier(KeyIdentifiers.of(request.publicKey())));
            builder.addExtension(Extension.authorityKeyIdentifier, false, ca.authorityKeyIdentifier());
            if (ca.revocationPointers().isPresent()) {
                RevocationPointers pointers = ca.revocationPointers().get();
                builder.addExtension(Extension.cRLDistributionPoints, false, pointers.distributionPoints());
                builder.addExtension(Extension.authorityInfoAccess, false, pointers.authorityInformationAccess());
            }
            if (request.subjectAltNames().isPresent()) {
                // RFC 5280 §4.2.1.6: the SAN extension is critical when the subject is empty.
                boolean critical = request.subject().getRDNs().length == 0;
                builder.addExtension(Extension.subjectAlternativeName, critical, request.subjectAltNames().get());
            }
        } catch (CertIOException e) {
            throw new IllegalStateException("cannot encode certificate extensions: " + e.getMessage(), e);
        }
        return builder.build(ca.signer().contentSigner());
    }

    /**
     * Drops usages the key cannot perform: RFC 5480 forbids keyEncipherment and dataEncipherment for EC keys,
     * and Ed25519 keys only sign.
     */
    static int keyUsageFor(int profileUsage, CsrKey key) {
        int usage = profileUsage;
        if (!key.canEncrypt()) {
            usage &= ~(KeyUsage.keyEncipherment | KeyUsage.dataEncipherment);
        }
        if (!key.canAgreeKeys()) {
            usage &= ~KeyUsage.keyAgreement;
        }
        return usage;
    }

    public static byte[] der(X509CertificateHolder certificate) {
        try {
            return certificate.getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
