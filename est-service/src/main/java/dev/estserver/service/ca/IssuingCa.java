package dev.estserver.service.ca;

import java.io.IOException;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * An issuing CA, parsed once at startup: everything certificate building needs from it is computed here,
 * not per request.
 *
 * @param chain   the CA certificate first, then its issuers up to the root
 * @param cacerts what {@code /cacerts} returns: the chain, then any rollover certificates (RFC 7030 §4.1.3)
 * @param revocationPointers the CRL and OCSP URLs its certificates name; none when no base URL is configured
 */
public record IssuingCa(PrivateKey key, List<X509Certificate> chain, X509CertificateHolder holder,
        AuthorityKeyIdentifier authorityKeyIdentifier, List<Certificate> cacerts,
        Optional<RevocationPointers> revocationPointers) {

    public static IssuingCa of(PrivateKey key, List<X509Certificate> chain) {
        X509Certificate cert = chain.getFirst();
        if (cert.getBasicConstraints() < 0) {
            throw new IllegalStateException("CA certificate " + cert.getSubjectX500Principal()
                    + " is not a CA certificate (basicConstraints cA is not true)");
        }
        if (!KeyPairs.belongTogether(key, cert.getPublicKey())) {
            throw new IllegalStateException("CA private key does not belong to CA certificate "
                    + cert.getSubjectX500Principal());
        }
        try {
            X509CertificateHolder holder = new X509CertificateHolder(cert.getEncoded());
            // RFC 5280 §4.2.1.1: the AKI must equal the CA's SKI, whichever method the CA used to make it.
            AuthorityKeyIdentifier aki = new AuthorityKeyIdentifier(KeyIdentifiers.of(holder));
            List<Certificate> asn1 = chain.stream().map(IssuingCa::asn1).toList();
            return new IssuingCa(SignatureAlgorithms.forFastestSigner(key), List.copyOf(chain), holder, aki, asn1, Optional.empty());
        } catch (IOException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot parse CA certificate: " + e.getMessage(), e);
        }
    }

    /**
     * The same CA, announcing rollover certificates in {@code /cacerts}: the next CA certificate and the
     * OldWithNew / NewWithOld link certificates, so that clients can move to the new trust anchor in time.
     */
    public IssuingCa withRollover(List<X509Certificate> rollover) {
        List<Certificate> all = new ArrayList<>(cacerts);
        rollover.stream().map(IssuingCa::asn1).filter(c -> !all.contains(c)).forEach(all::add);
        return new IssuingCa(key, chain, holder, authorityKeyIdentifier, List.copyOf(all), revocationPointers);
    }

    /** The same CA, naming {@code pointers} in the certificates it issues. */
    public IssuingCa withRevocationPointers(RevocationPointers pointers) {
        return new IssuingCa(key, chain, holder, authorityKeyIdentifier, cacerts, Optional.of(pointers));
    }

    public X509Certificate certificate() {
        return chain.getFirst();
    }

    public X500Name subject() {
        return holder.getSubject();
    }

    private static Certificate asn1(X509Certificate cert) {
        try {
            return Certificate.getInstance(cert.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
