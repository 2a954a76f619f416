package dev.estserver.service.ca;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.estserver.service.support.TestKeys;

/** Key generation for /serverkeygen, and the guard against a CA key file and CA certificate file mixed up. */
class KeyPairsTest {

    @Test
    void matchingEcKeysBelongTogether() {
        KeyPair keys = KeyPairs.ecP256();
        assertThat(KeyPairs.belongTogether(keys.getPrivate(), keys.getPublic())).isTrue();
    }

    @Test
    void matchingRsaKeysBelongTogether() {
        KeyPair keys = TestKeys.rsa(2048);
        assertThat(KeyPairs.belongTogether(keys.getPrivate(), keys.getPublic())).isTrue();
    }

    @Test
    void matchingEd25519KeysBelongTogether() {
        KeyPair keys = TestKeys.ed25519();
        assertThat(KeyPairs.belongTogether(keys.getPrivate(), keys.getPublic())).isTrue();
    }

    @Test
    void keysOfTwoDifferentPairsDoNotBelongTogether() {
        assertThat(KeyPairs.belongTogether(KeyPairs.ecP256().getPrivate(), KeyPairs.ecP256().getPublic())).isFalse();
    }

    @Test
    void keysOfDifferentAlgorithmsDoNotBelongTogether() {
        assertThat(KeyPairs.belongTogether(TestKeys.ed25519().getPrivate(), KeyPairs.ecP256().getPublic())).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ec-p256", "ec-p384", "ec-p521", "rsa-2048", "ed25519"})
    void generatesEveryKeyKindAProfileCanName(String kind) {
        KeyRequirement requirement = KeyRequirement.parse(kind);
        KeyPair keys = KeyPairs.generate(requirement);
        CsrKey key = CsrKey.of(SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()));
        assertThat(requirement.accepts(key)).as("%s generated for %s", key, kind).isTrue();
        assertThat(key.bits()).isEqualTo(requirement.minimumBits());
        assertThat(KeyPairs.belongTogether(keys.getPrivate(), keys.getPublic())).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ec-p256", "rsa-2048", "ed25519"})
    void encodesPrivateKeysAsPkcs8PrivateKeyInfoWithTheirAlgorithm(String kind) {
        KeyPair keys = KeyPairs.generate(KeyRequirement.parse(kind));
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(KeyPairs.pkcs8(keys.getPrivate()));
        assertThat(info.getPrivateKeyAlgorithm().getAlgorithm()).isEqualTo(
                SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()).getAlgorithm().getAlgorithm());
    }

    @Test
    void generatesP256Keys() {
        ECPublicKey key = (ECPublicKey) KeyPairs.ecP256().getPublic();
        assertThat(key.getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
    }
}
