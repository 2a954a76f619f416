package dev.estserver.service.ca;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;

import org.bouncycastle.operator.ContentSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.estserver.service.support.TestKeys;

class SignatureAlgorithmsTest {

    private static final byte[] DATA = "to be signed".getBytes();

    @ParameterizedTest
    @ValueSource(strings = {"P-256", "P-384", "RSA", "Ed25519"})
    void everyCaKeyKindSignsOnItsFastestProviderWhatItsPublicKeyVerifies(String kind) throws Exception {
        KeyPair keys = TestKeys.caKind(kind);

        ContentSigner signer = SignatureAlgorithms.signer(SignatureAlgorithms.forFastestSigner(keys.getPrivate()));
        try (OutputStream out = signer.getOutputStream()) {
            out.write(DATA);
        }

        Signature verifier = Signature.getInstance(SignatureAlgorithms.forKey(keys.getPrivate()), Crypto.BC);
        verifier.initVerify(keys.getPublic());
        verifier.update(DATA);
        assertThat(verifier.verify(signer.getSignature())).isTrue();
    }

    @Test
    void aP256CaKeyReadFromPemBecomesAKeyTheJdkSignsWith(@TempDir Path dir) throws Exception {
        KeyPair keys = KeyPairs.ecP256();
        Path pem = dir.resolve("ca-key.pem");
        PemFiles.writePrivateKey(pem, keys.getPrivate());
        PrivateKey read = PemFiles.readPrivateKey(pem);

        PrivateKey converted = SignatureAlgorithms.forFastestSigner(read);

        assertThat(read.getAlgorithm()).as("BouncyCastle's name, which SunEC refuses").isEqualTo("ECDSA");
        assertThat(converted.getAlgorithm()).isEqualTo("EC");
        assertThat(converted.getClass().getName()).startsWith("sun.security.ec.");
        assertThat(KeyPairs.belongTogether(converted, keys.getPublic())).isTrue();
    }

    @Test
    void keysTheJdkSignsSlowerAreLeftToBouncyCastle() {
        PrivateKey p384 = KeyPairs.ec("P-384").getPrivate();
        PrivateKey ed25519 = KeyPairs.ed25519().getPrivate();

        assertThat(SignatureAlgorithms.forFastestSigner(p384)).isSameAs(p384);
        assertThat(SignatureAlgorithms.forFastestSigner(ed25519)).isSameAs(ed25519);
    }
}
