package dev.estserver.service.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Provider;
import java.security.Security;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

import dev.estserver.service.config.EstConfig;

/**
 * The providers each cryptographic operation of an enrollment runs on. Two sets:
 * <ul>
 * <li><b>native</b>: AWS-LC (Amazon Corretto Crypto Provider) checks CSR signatures and makes EC and RSA CA
 * signatures, and is first in the JCA provider list so that the JDK's TLS stack takes its key agreement,
 * signatures, digests and ciphers from it, with BouncyCastle's X25519 second ({@link X25519Provider}). What it
 * lacks (Ed25519 keys, RSASSA-PSS with explicit parameters, ...) is left to BouncyCastle.</li>
 * <li><b>jdk</b>: BouncyCastle checks CSR signatures; SunEC signs with P-256 keys and SunRsaSign with RSA keys (the
 * fastest Java signers on JDK 25), BouncyCastle with every other key.</li>
 * </ul>
 * The set is chosen once per process ({@link #choose}); CSR checks and CA signers ask {@link #active()}.
 */
public final class CryptoProviders {

    private static final Provider SUN_EC = Security.getProvider("SunEC");
    private static final Provider SUN_RSA = Security.getProvider("SunRsaSign");
    private static final BigInteger P256_ORDER = p256Order();
    private static final JcaContentVerifierProviderBuilder BC_VERIFIERS =
            new JcaContentVerifierProviderBuilder().setProvider(Crypto.BC);

    private static final Map<ASN1ObjectIdentifier, String> KEY_ALGORITHMS = Map.of(
            X9ObjectIdentifiers.id_ecPublicKey, "EC", PKCSObjectIdentifiers.rsaEncryption, "RSA");

    private static volatile CryptoProviders active = jdk();

    private final Provider nativeProvider;
    private final String fallback;

    private CryptoProviders(Provider nativeProvider, String fallback) {
        this.nativeProvider = nativeProvider;
        this.fallback = fallback;
    }

    /** The JDK's and BouncyCastle's providers. */
    public static CryptoProviders jdk() {
        return new CryptoProviders(null, null);
    }

    /** AWS-LC through {@code provider}, with BouncyCastle for what it does not offer. */
    public static CryptoProviders nativeWith(Provider provider) {
        return new CryptoProviders(provider, null);
    }

    /**
     * The set {@code choice} asks for; {@code auto} falls back to the JDK's when the native library does not load,
     * and {@link #fallback()} then says why. Refuses {@code native} without the library, naming the cause.
     */
    public static CryptoProviders choose(EstConfig.Crypto.Provider choice, Supplier<NativeProvider> load) {
        return switch (choice) {
            case JDK -> jdk(); // without loading the library at all
            case NATIVE -> {
                NativeProvider loaded = load.get();
                if (!loaded.loaded()) {
                    throw new IllegalStateException("est.crypto.provider=native, but the native crypto library "
                            + "(Amazon Corretto Crypto Provider) cannot load here: " + loaded.failure()
                            + "; use est.crypto.provider=auto or jdk to run on the JDK's providers");
                }
                yield nativeWith(loaded.provider());
            }
            case AUTO -> {
                NativeProvider loaded = load.get();
                yield loaded.loaded() ? nativeWith(loaded.provider()) : new CryptoProviders(null, loaded.failure());
            }
        };
    }

    /** The set CSR checks and newly loaded CA keys use; the JDK's until the service has chosen. */
    public static CryptoProviders active() {
        return active;
    }

    /** Makes this set the one {@link #active()} returns, for CSR checks and CA keys loaded from now on. */
    public CryptoProviders activate() {
        active = this;
        return this;
    }

    /**
     * Puts the native provider first in the process's JCA provider list, where the JDK's TLS stack looks up the
     * key agreement, signatures, digests, MACs and ciphers of every handshake and record, and BouncyCastle's X25519
     * second, for the key exchange the native provider lacks. Does nothing for the JDK set. Process-wide, so it is
     * done by the service at startup, not by libraries or benchmarks that embed it.
     */
    public void installForTls() {
        if (nativeProvider != null) {
            Security.removeProvider(nativeProvider.getName());
            Security.removeProvider(X25519Provider.NAME);
            Security.insertProviderAt(nativeProvider, 1);
            Security.insertProviderAt(new X25519Provider(), 2);
        }
    }

    /** {@code native} or {@code jdk}. */
    public String name() {
        return nativeProvider != null ? "native" : "jdk";
    }

    /** Why {@code auto} fell back to the JDK's providers; empty when it did not. */
    public Optional<String> fallback() {
        return Optional.ofNullable(fallback);
    }

    /** The native provider's name and AWS-LC version, or the JDK's. */
    public String description() {
        return nativeProvider != null ? nativeProvider.getName() + " " + nativeProvider.getVersionStr()
                + " (AWS-LC)" : "JDK (SunEC, SunRsaSign, SunJCE) and BouncyCastle " + Crypto.BC.getVersionStr();
    }

    /** The provider that checks CSR signatures made with EC and RSA keys, the keys nearly every device has. */
    public Provider csrVerification() {
        return nativeProvider != null ? nativeProvider : Crypto.BC;
    }

    /**
     * Verifiers for signatures made with {@code key}, such as a CSR's proof of possession, each checked once
     * ({@link SingleCheckVerifiers}): on the native provider where this set has one, else BouncyCastle's; a key type
     * neither reads this way (Ed25519, ...) and other signature algorithms get BouncyCastle's own verifiers.
     */
    public ContentVerifierProvider verifiers(SubjectPublicKeyInfo key) throws OperatorCreationException {
        String algorithm = KEY_ALGORITHMS.get(key.getAlgorithm().getAlgorithm());
        if (algorithm == null) {
            return BC_VERIFIERS.build(key);
        }
        Provider provider = csrVerification();
        try {
            // Converted here: BouncyCastle would ask the provider for a key factory by OID, which AWS-LC does not name.
            PublicKey publicKey = KeyFactory.getInstance(algorithm, provider)
                    .generatePublic(new X509EncodedKeySpec(key.getEncoded()));
            return new SingleCheckVerifiers(publicKey, provider, key, BC_VERIFIERS);
        } catch (GeneralSecurityException | IOException e) {
            return BC_VERIFIERS.build(key); // parameters the provider does not take (a curve it lacks)
        }
    }

    /**
     * {@code key} with the provider that signs with it fastest in this set, converted once when a CA is loaded to
     * that provider's own key object: the JDK providers refuse BouncyCastle's EC keys, whose algorithm is named
     * "ECDSA", and the native provider would otherwise convert a foreign key on every signature. A key the chosen
     * provider cannot hold (a curve it lacks) is signed with by BouncyCastle.
     */
    public SigningKey signingKey(PrivateKey key) {
        boolean ec = "EC".equals(key.getAlgorithm()) || "ECDSA".equals(key.getAlgorithm());
        boolean rsa = "RSA".equals(key.getAlgorithm());
        Provider provider;
        if (nativeProvider != null && (ec || rsa)) {
            provider = nativeProvider;
        } else if (ec && isP256(key) && SUN_EC != null) {
            provider = SUN_EC;
        } else if (rsa && SUN_RSA != null) {
            provider = SUN_RSA;
        } else {
            return new SigningKey(key, Crypto.BC);
        }
        try {
            KeyFactory factory = KeyFactory.getInstance(ec ? "EC" : "RSA", provider);
            return new SigningKey(factory.generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded())), provider);
        } catch (GeneralSecurityException e) {
            return new SigningKey(key, Crypto.BC);
        }
    }

    private static boolean isP256(PrivateKey key) {
        return key instanceof ECPrivateKey ec && P256_ORDER.equals(ec.getParams().getOrder());
    }

    private static BigInteger p256Order() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC", SUN_EC);
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class).getOrder();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no secp256r1 parameters", e);
        }
    }
}
