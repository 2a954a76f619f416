package dev.estserver.service.crypto;

import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.util.Map;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.jcajce.io.OutputStreamFactory;
import org.bouncycastle.operator.ContentVerifier;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.RuntimeOperatorException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * Verifiers that check a signature once, for the signature algorithms nearly every device uses (ECDSA and RSA
 * PKCS#1 v1.5 with SHA-2). BouncyCastle's JCA verifiers check every signature twice where the provider also offers
 * the raw ("NONEwith...") signature, as AWS-LC and BouncyCastle both do: the second check, of no data, is there to
 * release a PKCS#11 session and its answer is thrown away, but it costs a whole ECDSA verification per CSR. Every
 * other algorithm (RSASSA-PSS with its parameters, EdDSA, ...) is left to {@code others}, built for the key only
 * then: building one parses the key again.
 */
final class SingleCheckVerifiers implements ContentVerifierProvider {

    private static final Map<ASN1ObjectIdentifier, String> SIGNATURES = Map.of(
            X9ObjectIdentifiers.ecdsa_with_SHA256, "SHA256withECDSA",
            X9ObjectIdentifiers.ecdsa_with_SHA384, "SHA384withECDSA",
            X9ObjectIdentifiers.ecdsa_with_SHA512, "SHA512withECDSA",
            PKCSObjectIdentifiers.sha256WithRSAEncryption, "SHA256withRSA",
            PKCSObjectIdentifiers.sha384WithRSAEncryption, "SHA384withRSA",
            PKCSObjectIdentifiers.sha512WithRSAEncryption, "SHA512withRSA");

    private final PublicKey key;
    private final Provider provider;
    private final SubjectPublicKeyInfo encodedKey;
    private final JcaContentVerifierProviderBuilder others;

    SingleCheckVerifiers(PublicKey key, Provider provider, SubjectPublicKeyInfo encodedKey,
            JcaContentVerifierProviderBuilder others) {
        this.key = key;
        this.provider = provider;
        this.encodedKey = encodedKey;
        this.others = others;
    }

    @Override
    public boolean hasAssociatedCertificate() {
        return false;
    }

    @Override
    public X509CertificateHolder getAssociatedCertificate() {
        return null;
    }

    @Override
    public ContentVerifier get(AlgorithmIdentifier algorithm) throws OperatorCreationException {
        String name = SIGNATURES.get(algorithm.getAlgorithm());
        if (name == null) {
            return others.build(encodedKey).get(algorithm);
        }
        try {
            Signature signature = Signature.getInstance(name, provider);
            signature.initVerify(key);
            return new Verifier(algorithm, signature);
        } catch (GeneralSecurityException e) {
            return others.build(encodedKey).get(algorithm); // a key the provider will not take for this algorithm
        }
    }

    private record Verifier(AlgorithmIdentifier algorithm, Signature signature) implements ContentVerifier {

        @Override
        public AlgorithmIdentifier getAlgorithmIdentifier() {
            return algorithm;
        }

        @Override
        public OutputStream getOutputStream() {
            return OutputStreamFactory.createStream(signature);
        }

        @Override
        public boolean verify(byte[] expected) {
            try {
                return signature.verify(expected);
            } catch (SignatureException e) {
                throw new RuntimeOperatorException("signature cannot be checked: " + e.getMessage(), e);
            }
        }
    }
}
