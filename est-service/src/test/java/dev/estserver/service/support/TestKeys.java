package dev.estserver.service.support;

import java.security.KeyPair;

import dev.estserver.service.ca.KeyPairs;

/** Key pairs of the kinds the tests need, including ones the policy must refuse (RSA 1024, secp256k1). */
public final class TestKeys {

    private TestKeys() {
    }

    /** @param curve a curve name such as secp256r1 or secp256k1 */
    public static KeyPair ec(String curve) {
        return KeyPairs.ec(curve);
    }

    public static KeyPair ecP256() {
        return KeyPairs.ecP256();
    }

    public static KeyPair rsa(int bits) {
        return KeyPairs.rsa(bits);
    }

    public static KeyPair ed25519() {
        return KeyPairs.ed25519();
    }

    /** @param kind a CA key kind the service signs with: P-256, P-384, RSA (2048 bits) or Ed25519 */
    public static KeyPair caKind(String kind) {
        return switch (kind) {
            case "RSA" -> rsa(2048);
            case "Ed25519" -> ed25519();
            default -> ec(kind);
        };
    }
}
