package dev.estserver.service.ca;

import java.security.PrivateKey;

import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import dev.estserver.service.crypto.CryptoProviders;
import dev.estserver.service.crypto.SigningKey;

/**
 * The signature algorithm that matches a CA key; which provider signs with it is chosen once per key by
 * {@link dev.estserver.service.crypto.CryptoProviders#signingKey}.
 */
public final class SignatureAlgorithms {

    private SignatureAlgorithms() {
    }

    public static String forKey(PrivateKey key) {
        return switch (key.getAlgorithm()) {
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> throw new IllegalStateException("unsupported CA key algorithm " + key.getAlgorithm()
                    + "; use an EC, RSA or Ed25519 key");
        };
    }

    /**
     * A signer with the {@link CryptoProviders#active() active} providers, the key converted for this one
     * signature: for keys that sign once, such as a self-signed certificate's.
     */
    public static ContentSigner signer(PrivateKey key) {
        return signer(CryptoProviders.active().signingKey(key));
    }

    /** A fresh signer: ContentSigner holds per-signature state and must not be shared across threads. */
    public static ContentSigner signer(SigningKey key) {
        try {
            return new JcaContentSignerBuilder(forKey(key.key())).setProvider(key.provider()).build(key.key());
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot create a signer for the CA key: " + e.getMessage(), e);
        }
    }
}
