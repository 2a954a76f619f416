package dev.estserver.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;

/**
 * Pre-generated PKCS#10 requests, each for a distinct device identity, made before the timed part so that the
 * load generator spends no signing time while it measures. Handing out more than were generated fails the
 * scenario: a reused identity would measure the server's duplicate-device policy, not enrollment.
 */
public final class CsrPool {

    /**
     * Requests signed with one device key. Only the identity has to be distinct per enrollment, and a P-256 key
     * pair costs about as much as a signature, so sharing a key among a few requests nearly halves generation time.
     */
    static final int REQUESTS_PER_KEY = 16;

    /** What a strict server profile may demand of a common name; so the prefix must fit it too. */
    private static final Pattern IDENTITY_PREFIX = Pattern.compile("[a-z0-9-]+");

    /** BouncyCastle's ECDSA reaches speed sooner than the JDK's in a fresh JVM, where the pool is generated. */
    private static final Provider BC = new BouncyCastleProvider();

    private final Csr[] requests;
    private final AtomicInteger taken = new AtomicInteger();

    private CsrPool(Csr[] requests) {
        this.requests = requests;
    }

    /**
     * Generates {@code count} requests on all cores, with EC P-256 keys and subjects {@code CN=<identityPrefix>-<n>},
     * n from 1.
     */
    public static CsrPool generate(int count, String identityPrefix) {
        if (count < 0) {
            throw new IllegalArgumentException("CSR count must not be negative, was " + count);
        }
        if (!IDENTITY_PREFIX.matcher(identityPrefix).matches()) {
            throw new IllegalArgumentException(
                    "identity prefix must match [a-z0-9-]+, was '" + identityPrefix + "'");
        }
        Csr[] requests = new Csr[count];
        int keys = (count + REQUESTS_PER_KEY - 1) / REQUESTS_PER_KEY;
        IntStream.range(0, keys).parallel().forEach(k -> {
            KeyPair keyPair = newDeviceKey();
            SubjectPublicKeyInfo publicKey = SubjectPublicKeyInfo.getInstance(keyPair.getPublic().getEncoded());
            ContentSigner signer = signer(keyPair);
            for (int i = k * REQUESTS_PER_KEY; i < Math.min(count, (k + 1) * REQUESTS_PER_KEY); i++) {
                X500Name subject = new X500Name("CN=" + identityPrefix + "-" + (i + 1));
                requests[i] = new Csr(encode(subject, publicKey, signer), publicKey, subject);
            }
        });
        return new CsrPool(requests);
    }

    public int size() {
        return requests.length;
    }

    /** The next unused request; safe to call from any number of threads. */
    public Csr next() {
        int index = taken.getAndIncrement();
        if (index >= requests.length) {
            // Keeps the counter from wrapping however often exhausted workers ask again.
            taken.set(requests.length);
            throw new CsrPoolExhaustedException(requests.length);
        }
        return requests[index];
    }

    private static KeyPair newDeviceKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC P-256 key generation is unavailable", e);
        }
    }

    private static ContentSigner signer(KeyPair keyPair) {
        try {
            return new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BC).build(keyPair.getPrivate());
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("SHA256withECDSA signing is unavailable", e);
        }
    }

    private static String encode(X500Name subject, SubjectPublicKeyInfo publicKey, ContentSigner signer) {
        try {
            byte[] der = new PKCS10CertificationRequestBuilder(subject, publicKey).build(signer).getEncoded();
            return Base64.getEncoder().encodeToString(der);
        } catch (IOException e) {
            throw new UncheckedIOException("could not DER-encode a CSR", e);
        }
    }
}
