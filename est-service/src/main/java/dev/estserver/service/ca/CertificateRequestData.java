package dev.estserver.service.ca;

import java.util.Optional;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * What a certificate is built from: subject, subject alternative names and public key. Only these are taken
 * from a CSR; key usages and every other extension come from the profile, whatever the CSR asks for.
 */
public record CertificateRequestData(X500Name subject, Optional<GeneralNames> subjectAltNames,
        SubjectPublicKeyInfo publicKey) {

    public static CertificateRequestData of(PKCS10CertificationRequest csr) {
        return new CertificateRequestData(csr.getSubject(), Pkcs10Requests.requestedExtensions(csr)
                .map(extensions -> GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName)),
                csr.getSubjectPublicKeyInfo());
    }
}
