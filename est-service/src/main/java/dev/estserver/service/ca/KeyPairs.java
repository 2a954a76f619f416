package dev.estserver.service.ca;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

import dev.estserver.service.crypto.Crypto;

/** Key generation, and the check that a configured private key belongs to its certificate. */
public final class KeyPairs {

    private KeyPairs() {
    }

    /** A fresh key pair of a profile's key kind: EC on its curve, RSA of its minimum size, or Ed25519. */
    public static KeyPair generate(KeyRequirement kind) {
        return switch (kind.family()) {
            case EC -> ec(kind.curve());
            case RSA -> rsa(kind.minimumBits());
            case ED25519 -> ed25519();
            case OTHER -> throw new IllegalArgumentException("no key pair can be generated for " + kind);
        };
    }

    public static KeyPair ecP256() {
        return ec("P-256");
    }

    /** An EC key pair on a named curve: P-256, P-384, P-521 as profiles name them, or any other BouncyCastle knows. */
    public static KeyPair ec(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", Crypto.BC);
            generator.initialize(new ECGenParameterSpec(curve), Crypto.RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA", Crypto.BC);
            generator.initialize(bits, Crypto.RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair ed25519() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519", Crypto.BC);
            generator.initialize(255, Crypto.RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The DER PKCS#8 PrivateKeyInfo (RFC 5958 OneAsymmetricKey) of a key, checked to be one: what clients read as
     * {@code application/pkcs8} must never be a PKCS#1 or SEC 1 structure.
     */
    public static byte[] pkcs8(PrivateKey key) {
        if (!"PKCS#8".equals(key.getFormat())) {
            throw new IllegalArgumentException("a " + key.getAlgorithm() + " private key encodes as "
                    + key.getFormat() + ", not PKCS#8");
        }
        return Der.encode(PrivateKeyInfo.getInstance(key.getEncoded()));
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
