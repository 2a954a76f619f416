package dev.estserver.service.ca;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.ContentVerifier;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.RuntimeOperatorException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import dev.estserver.service.crypto.Crypto;
import dev.estserver.service.crypto.CryptoProviders;

/**
 * An issuing CA whose certificates, CRLs and OCSP responses are built here with BouncyCastle and signed by its
 * {@link CaSigner}. Parsed once at startup: everything certificate building needs from it is computed here, not per
 * request.
 *
 * @param chain   the CA certificate first, then its issuers up to the root
 * @param cacerts what {@code /cacerts} returns: the chain, then any rollover certificates (RFC 7030 §4.1.3)
 * @param revocationPointers the CRL and OCSP URLs its certificates name; none when no base URL is configured
 */
public record IssuingCa(CaSigner signer, List<X509Certificate> chain, X509CertificateHolder holder,
        AuthorityKeyIdentifier authorityKeyIdentifier, List<Certificate> cacerts,
        Optional<RevocationPointers> revocationPointers) implements CertificateAuthority {

    /** A CA whose key is held in this process, signing with the {@link CryptoProviders#active() active} providers. */
    public static IssuingCa of(PrivateKey key, List<X509Certificate> chain) {
        return of(key, chain, CryptoProviders.active());
    }

    /** A CA whose key is held in this process, signing with {@code providers}. */
    public static IssuingCa of(PrivateKey key, List<X509Certificate> chain, CryptoProviders providers) {
        return of(new PrivateKeySigner(key, providers), chain);
    }

    /** A CA signing through {@code signer}, refused unless its key is the one the first certificate certifies. */
    public static IssuingCa of(CaSigner signer, List<X509Certificate> chain) {
        X509Certificate cert = chain.getFirst();
        if (cert.getBasicConstraints() < 0) {
            throw new IllegalStateException("CA certificate " + cert.getSubjectX500Principal()
                    + " is not a CA certificate (basicConstraints cA is not true)");
        }
        if (!signsFor(signer, cert)) {
            throw new IllegalStateException("CA private key does not belong to CA certificate "
                    + cert.getSubjectX500Principal());
        }
        try {
            X509CertificateHolder holder = new X509CertificateHolder(cert.getEncoded());
            // RFC 5280 §4.2.1.1: the AKI must equal the CA's SKI, whichever method the CA used to make it.
            AuthorityKeyIdentifier aki = new AuthorityKeyIdentifier(KeyIdentifiers.of(holder));
            List<Certificate> asn1 = chain.stream().map(IssuingCa::asn1).toList();
            return new IssuingCa(signer, List.copyOf(chain), holder, aki, asn1, Optional.empty());
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
        return new IssuingCa(signer, chain, holder, authorityKeyIdentifier, List.copyOf(all), revocationPointers);
    }

    /** The same CA, naming {@code pointers} in the certificates it issues. */
    public IssuingCa withRevocationPointers(RevocationPointers pointers) {
        return new IssuingCa(signer, chain, holder, authorityKeyIdentifier, cacerts, Optional.of(pointers));
    }

    @Override
    public X509Certificate certificate() {
        return chain.getFirst();
    }

    @Override
    public X500Name subject() {
        return holder.getSubject();
    }

    @Override
    public X509CertificateHolder issue(CertificateTemplate template, CertificateRequestData request, Instant now) {
        return CertificateIssuer.issue(this, template, request, now);
    }

    @Override
    public byte[] signCrl(BigInteger crlNumber, Instant thisUpdate, Instant nextUpdate, List<RevokedEntry> revoked) {
        return CrlSigner.sign(this, crlNumber, thisUpdate, nextUpdate, revoked);
    }

    @Override
    public boolean isIssuerOf(CertificateID certificate) {
        return OcspResponder.names(certificate, this);
    }

    @Override
    public byte[] ocspResponse(OCSPReq request, OcspResponder.Lookup lookup, Instant now) {
        return OcspResponder.signed(this, request, lookup, now);
    }

    @Override
    public boolean signsInProcess() {
        return signer.inProcess();
    }

    @Override
    public String signingProvider() {
        return signer.provider();
    }

    @Override
    public SignerInfoGenerator cmsSigner() {
        try {
            return new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().setProvider(Crypto.BC)
                    .build()).build(signer.contentSigner(), holder);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot sign CMS with the CA key: " + e.getMessage(), e);
        }
    }

    /**
     * True when a signature made by {@code signer} verifies with the certificate's key: asks nothing of the key but
     * a signature, so it holds for a key in a token as for one in memory.
     */
    private static boolean signsFor(CaSigner signer, X509Certificate cert) {
        byte[] probe = new byte[32];
        Crypto.RANDOM.nextBytes(probe);
        ContentSigner contentSigner = signer.contentSigner();
        try (OutputStream out = contentSigner.getOutputStream()) {
            out.write(probe);
        } catch (IOException e) {
            throw new IllegalStateException("cannot sign with the CA key: " + e.getMessage(), e);
        }
        try {
            ContentVerifier verifier = new JcaContentVerifierProviderBuilder().setProvider(Crypto.BC)
                    .build(cert.getPublicKey()).get(contentSigner.getAlgorithmIdentifier());
            try (OutputStream out = verifier.getOutputStream()) {
                out.write(probe);
            }
            return verifier.verify(contentSigner.getSignature());
        } catch (OperatorCreationException | RuntimeOperatorException | IOException e) {
            return false; // another kind of key, or a signature the certificate's key cannot even parse
        }
    }

    private static Certificate asn1(X509Certificate cert) {
        try {
            return Certificate.getInstance(cert.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
