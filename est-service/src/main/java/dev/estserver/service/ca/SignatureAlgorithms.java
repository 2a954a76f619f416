package dev.estserver.service.ca;

import java.security.PrivateKey;

import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Picks the signature algorithm that matches a CA key. */
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

    /** A fresh signer: ContentSigner holds per-signature state and must not be shared across threads. */
    public static ContentSigner signer(PrivateKey key) {
        try {
            return new JcaContentSignerBuilder(forKey(key)).setProvider(Crypto.BC).build(key);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot create a signer for the CA key: " + e.getMessage(), e);
        }
    }
}
