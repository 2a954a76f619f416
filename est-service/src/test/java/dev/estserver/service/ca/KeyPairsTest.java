package dev.estserver.service.ca;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;

import org.junit.jupiter.api.Test;

import dev.estserver.service.support.TestKeys;

/** Guards against a CA key file and CA certificate file that were mixed up in configuration. */
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

    @Test
    void generatesP256Keys() {
        ECPublicKey key = (ECPublicKey) KeyPairs.ecP256().getPublic();
        assertThat(key.getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
    }
}
