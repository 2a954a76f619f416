package dev.estserver.service.ca;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;

/** Key generation, and the check that a configured private key belongs to its certificate. */
public final class KeyPairs {

    private KeyPairs() {
    }

    public static KeyPair ecP256() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", Crypto.BC);
            generator.initialize(new ECGenParameterSpec("secp256r1"), Crypto.RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when a signature made with the private key verifies with the public key: works for every key type. */
    public static boolean belongTogether(PrivateKey privateKey, PublicKey publicKey) {
        try {
            String algorithm = SignatureAlgorithms.forKey(privateKey);
            byte[] probe = new byte[32];
            Crypto.RANDOM.nextBytes(probe);
            Signature signer = Signature.getInstance(algorithm, Crypto.BC);
            signer.initSign(privateKey);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm, Crypto.BC);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
