package dev.estserver.service.ca;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;

import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Picks the signature algorithm that matches a CA key, and the provider that signs with it fastest on JDK 25: SunEC
 * for P-256, SunRsaSign for RSA, BouncyCastle for P-384 and Ed25519. Verification is BouncyCastle's everywhere, see
 * {@code CsrPolicy}. The figures that decided it are in the README (Benchmark: measured design decisions).
 */
public final class SignatureAlgorithms {

    private static final BigInteger P256_ORDER = p256Order();
    private static final Provider SUN_EC = Security.getProvider("SunEC");
    private static final Provider SUN_RSA = Security.getProvider("SunRsaSign");

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
            return new JcaContentSignerBuilder(forKey(key)).setProvider(fastestSigner(key)).build(key);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot create a signer for the CA key: " + e.getMessage(), e);
        }
    }

    /**
     * The same key as the JDK's own key object where the JDK signs faster, converted once when a CA is loaded:
     * the JDK providers refuse BouncyCastle's EC keys, whose algorithm is named "ECDSA".
     */
    public static PrivateKey forFastestSigner(PrivateKey key) {
        if (!isP256(key) && !"RSA".equals(key.getAlgorithm())) {
            return key;
        }
        try {
            String algorithm = "RSA".equals(key.getAlgorithm()) ? "RSA" : "EC";
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            return key;
        }
    }

    private static Provider fastestSigner(PrivateKey key) {
        if ("EC".equals(key.getAlgorithm()) && isP256(key) && SUN_EC != null) {
            return SUN_EC;
        }
        if ("RSA".equals(key.getAlgorithm()) && SUN_RSA != null) {
            return SUN_RSA;
        }
        return Crypto.BC;
    }

    private static boolean isP256(PrivateKey key) {
        return key instanceof ECPrivateKey ec && P256_ORDER.equals(ec.getParams().getOrder());
    }

    private static BigInteger p256Order() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class).getOrder();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no secp256r1 parameters", e);
        }
    }
}
