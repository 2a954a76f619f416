package dev.estserver.operator.pki;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

/** Whether a private key belongs to a certificate's public key: sign a challenge, verify it. */
public final class KeyMatch {

    private static final byte[] CHALLENGE = "est-operator key match".getBytes(StandardCharsets.US_ASCII);

    private KeyMatch() {
    }

    public static boolean belongTogether(PrivateKey privateKey, PublicKey publicKey) {
        try {
            String algorithm = KeyAlgorithm.signatureAlgorithmFor(privateKey);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(privateKey);
            signer.update(CHALLENGE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(CHALLENGE);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
