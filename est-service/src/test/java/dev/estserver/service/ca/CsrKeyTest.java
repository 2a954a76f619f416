package dev.estserver.service.ca;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;

import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.Test;

import dev.estserver.service.ca.CsrKey.Family;
import dev.estserver.service.crypto.Crypto;
import dev.estserver.service.support.TestKeys;

class CsrKeyTest {

    private static CsrKey of(KeyPair keys) {
        return CsrKey.of(SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()));
    }

    @Test
    void rsaKeyHasItsModulusSize() {
        CsrKey key = of(TestKeys.rsa(1024));
        assertThat(key.family()).isEqualTo(Family.RSA);
        assertThat(key.bits()).isEqualTo(1024);
        assertThat(key).hasToString("RSA 1024 bits");
    }

    @Test
    void ecKeyHasItsCurveName() {
        assertThat(of(TestKeys.ec("secp256r1"))).hasToString("EC P-256");
        assertThat(of(TestKeys.ec("secp384r1"))).hasToString("EC P-384");
        assertThat(of(TestKeys.ec("secp521r1"))).hasToString("EC P-521");
        assertThat(of(TestKeys.ec("secp256k1"))).hasToString("EC secp256k1");
    }

    @Test
    void ecKeyOnAnUnnamedCurveShowsTheCurveOid() {
        assertThat(of(TestKeys.ec("brainpoolP256r1")).curve()).isEqualTo("1.3.36.3.3.2.8.1.1.7");
    }

    @Test
    void ed25519Key() {
        assertThat(of(TestKeys.ed25519())).hasToString("Ed25519");
    }

    @Test
    void otherAlgorithmsAreUnsupportedAndNamedByOid() throws GeneralSecurityException {
        CsrKey key = of(KeyPairGenerator.getInstance("Ed448", Crypto.BC).generateKeyPair());
        assertThat(key.family()).isEqualTo(Family.OTHER);
        assertThat(key).hasToString("unsupported key algorithm 1.3.101.113");
    }

    @Test
    void onlyRsaCanEncryptAndOnlyEcCanAgreeKeys() {
        CsrKey rsa = new CsrKey(Family.RSA, 2048, "", "");
        CsrKey ec = new CsrKey(Family.EC, 0, "P-256", "");
        CsrKey ed25519 = new CsrKey(Family.ED25519, 0, "", "");
        assertThat(rsa.canEncrypt()).isTrue();
        assertThat(ec.canEncrypt()).isFalse();
        assertThat(ed25519.canEncrypt()).isFalse();
        assertThat(rsa.canAgreeKeys()).isFalse();
        assertThat(ec.canAgreeKeys()).isTrue();
        assertThat(ed25519.canAgreeKeys()).isFalse();
    }
}
