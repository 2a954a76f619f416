package dev.estserver.service.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.ContentVerifier;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import dev.estserver.service.ca.KeyPairs;
import dev.estserver.service.ca.PemFiles;
import dev.estserver.service.ca.SignatureAlgorithms;
import dev.estserver.service.config.EstConfig;
import dev.estserver.service.support.Csrs;
import dev.estserver.service.support.TestKeys;

/** Both provider sets, whichever the service runs on: the native library loads on the machines the tests run on. */
class CryptoProvidersTest {

    private static final byte[] DATA = "to be signed".getBytes();
    private static final NativeProvider NATIVE = NativeProvider.load();
    private static final String ACCP = "AmazonCorrettoCryptoProvider";

    static Stream<Arguments> signingProviders() {
        return Stream.of(
                Arguments.of("jdk", "P-256", "SunEC"), Arguments.of("jdk", "RSA", "SunRsaSign"),
                Arguments.of("jdk", "P-384", "BC"), Arguments.of("jdk", "Ed25519", "BC"),
                Arguments.of("native", "P-256", ACCP), Arguments.of("native", "RSA", ACCP),
                Arguments.of("native", "P-384", ACCP), Arguments.of("native", "Ed25519", "BC"));
    }

    @ParameterizedTest(name = "{0} signs with a {1} CA key on {2}")
    @MethodSource("signingProviders")
    void everyCaKeyKindSignsOnItsFastestProviderWhatItsPublicKeyVerifies(String set, String kind, String provider)
            throws Exception {
        KeyPair keys = TestKeys.caKind(kind);

        SigningKey signingKey = providers(set).signingKey(keys.getPrivate());
        ContentSigner signer = SignatureAlgorithms.signer(signingKey);
        try (OutputStream out = signer.getOutputStream()) {
            out.write(DATA);
        }

        assertThat(signingKey.provider().getName()).isEqualTo(provider);
        Signature verifier = Signature.getInstance(SignatureAlgorithms.forKey(keys.getPrivate()), Crypto.BC);
        verifier.initVerify(keys.getPublic());
        verifier.update(DATA);
        assertThat(verifier.verify(signer.getSignature())).isTrue();
    }

    @ParameterizedTest
    @MethodSource("sets")
    void aP256CaKeyReadFromPemBecomesTheSigningProvidersOwnKey(String set, @TempDir Path dir) throws Exception {
        KeyPair keys = KeyPairs.ecP256();
        Path pem = dir.resolve("ca-key.pem");
        PemFiles.writePrivateKey(pem, keys.getPrivate());
        PrivateKey read = PemFiles.readPrivateKey(pem);

        SigningKey converted = providers(set).signingKey(read);

        assertThat(read.getAlgorithm()).as("BouncyCastle's name, which SunEC refuses").isEqualTo("ECDSA");
        assertThat(converted.key().getAlgorithm()).isEqualTo("EC");
        assertThat(converted.key().getClass().getName())
                .startsWith("native".equals(set) ? "com.amazon.corretto." : "sun.security.ec.");
        assertThat(KeyPairs.belongTogether(converted.key(), keys.getPublic())).isTrue();
    }

    static Stream<String> sets() {
        return Stream.of("jdk", "native");
    }

    static Stream<Arguments> csrVerifiers() {
        return Stream.of(
                Arguments.of("jdk", "P-256", "BC"), Arguments.of("jdk", "RSA", "BC"),
                Arguments.of("native", "P-256", ACCP), Arguments.of("native", "P-384", ACCP),
                Arguments.of("native", "RSA", ACCP), Arguments.of("native", "Ed25519", "BC"));
    }

    @ParameterizedTest(name = "{0} checks a CSR made with a {1} key on {2}")
    @MethodSource("csrVerifiers")
    void csrSignaturesAreCheckedNativelyWhereTheNativeProviderHasTheAlgorithm(String set, String kind,
            String provider) throws Exception {
        PKCS10CertificationRequest csr = Csrs.csr(TestKeys.caKind(kind), "CN=device");

        ContentVerifier verifier = providers(set).verifiers(csr.getSubjectPublicKeyInfo())
                .get(csr.getSignatureAlgorithm());

        assertThat(csr.isSignatureValid(providers(set).verifiers(csr.getSubjectPublicKeyInfo()))).isTrue();
        assertThat(Csrs.brokenSignature(csr).isSignatureValid(providers(set).verifiers(csr.getSubjectPublicKeyInfo())))
                .isFalse();
        assertThat(providerOf(verifier)).isEqualTo(provider);
    }

    /**
     * BouncyCastle's JCA verifiers hold a second, raw signature beside the one they check and verify that too, of no
     * data, for nothing: a whole second ECDSA verification per CSR. Ours hold one.
     */
    @ParameterizedTest(name = "{0} checks a CSR made with a {1} key once")
    @CsvSource({"jdk, P-256", "jdk, RSA", "native, P-256", "native, RSA"})
    void csrSignaturesAreCheckedOnce(String set, String kind) throws Exception {
        PKCS10CertificationRequest csr = Csrs.csr(TestKeys.caKind(kind), "CN=device");

        ContentVerifier verifier = providers(set).verifiers(csr.getSubjectPublicKeyInfo())
                .get(csr.getSignatureAlgorithm());

        assertThat(signatures(verifier)).hasSize(1);
        assertThat(signatures(new JcaContentVerifierProviderBuilder().setProvider(Crypto.BC)
                .build(csr.getSubjectPublicKeyInfo()).get(csr.getSignatureAlgorithm()))).hasSize(2);
    }

    @Test
    void autoFallsBackToTheJdkProvidersSayingWhy() {
        CryptoProviders chosen = CryptoProviders.choose(EstConfig.Crypto.Provider.AUTO,
                () -> NativeProvider.unavailable(new UnsatisfiedLinkError("wrong ELF class: ELFCLASS64")));

        assertThat(chosen.name()).isEqualTo("jdk");
        assertThat(chosen.fallback()).hasValue("UnsatisfiedLinkError: wrong ELF class: ELFCLASS64");
        assertThat(chosen.csrVerification().getName()).isEqualTo("BC");
    }

    @Test
    void autoTakesTheNativeProviderWhereItLoads() {
        CryptoProviders chosen = CryptoProviders.choose(EstConfig.Crypto.Provider.AUTO, () -> NATIVE);

        assertThat(chosen.name()).isEqualTo("native");
        assertThat(chosen.fallback()).isEmpty();
        assertThat(chosen.description()).startsWith(ACCP + " 2.5.0");
    }

    @Test
    void nativeRefusesToStartWithoutTheLibraryNamingTheCause() {
        assertThatThrownBy(() -> CryptoProviders.choose(EstConfig.Crypto.Provider.NATIVE,
                () -> NativeProvider.unavailable(new AssertionError("Unable to create temporary directory"))))
                .hasMessageContaining("est.crypto.provider=native")
                .hasMessageContaining("AssertionError: Unable to create temporary directory")
                .hasMessageContaining("est.crypto.provider=auto or jdk");
    }

    @Test
    void jdkNeverLoadsTheLibrary() {
        AtomicBoolean loaded = new AtomicBoolean();

        CryptoProviders chosen = CryptoProviders.choose(EstConfig.Crypto.Provider.JDK, () -> {
            loaded.set(true);
            return NATIVE;
        });

        assertThat(chosen.name()).isEqualTo("jdk");
        assertThat(loaded).isFalse();
    }

    private static CryptoProviders providers(String set) {
        assertThat(NATIVE.failure()).as("the native library loads on the test machines").isNull();
        return "native".equals(set) ? CryptoProviders.nativeWith(NATIVE.provider()) : CryptoProviders.jdk();
    }

    /** BouncyCastle's JCA verifiers keep the {@link Signature} they verify with; its provider is what we check. */
    private static String providerOf(ContentVerifier verifier) throws ReflectiveOperationException {
        return signatures(verifier).stream().findFirst()
                .orElseThrow(() -> new AssertionError("no Signature in " + verifier.getClass()))
                .getProvider().getName();
    }

    /** The {@link Signature}s a verifier holds. */
    private static List<Signature> signatures(ContentVerifier verifier) throws ReflectiveOperationException {
        List<Signature> signatures = new ArrayList<>();
        for (Class<?> type = verifier.getClass(); type != null; type = type.getSuperclass()) {
            for (var field : type.getDeclaredFields()) {
                if (Signature.class.isAssignableFrom(field.getType())) {
                    field.setAccessible(true);
                    signatures.add((Signature) field.get(verifier));
                }
            }
        }
        return signatures;
    }
}
