package dev.estserver.operator.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;

import org.junit.jupiter.api.Test;

class KeyMatchTest {

    @Test
    void aPrivateKeyBelongsToItsOwnPublicKey() {
        for (KeyAlgorithm algorithm : KeyAlgorithm.values()) {
            KeyPair keys = algorithm.generate();
            assertThat(KeyMatch.belongTogether(keys.getPrivate(), keys.getPublic())).as(algorithm.specName()).isTrue();
        }
    }

    @Test
    void aPrivateKeyDoesNotBelongToAnotherPublicKeyOfTheSameAlgorithm() {
        KeyPair one = KeyAlgorithm.EC_P256.generate();
        KeyPair other = KeyAlgorithm.EC_P256.generate();

        assertThat(KeyMatch.belongTogether(one.getPrivate(), other.getPublic())).isFalse();
    }

    @Test
    void aPrivateKeyDoesNotBelongToAPublicKeyOfAnotherAlgorithm() {
        KeyPair ec = KeyAlgorithm.EC_P256.generate();
        KeyPair rsa = KeyAlgorithm.RSA_3072.generate();

        assertThat(KeyMatch.belongTogether(ec.getPrivate(), rsa.getPublic())).isFalse();
        assertThat(KeyMatch.belongTogether(rsa.getPrivate(), ec.getPublic())).isFalse();
    }
}
