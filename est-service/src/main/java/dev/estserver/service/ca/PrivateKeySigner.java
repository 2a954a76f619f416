package dev.estserver.service.ca;

import java.security.PrivateKey;

import org.bouncycastle.operator.ContentSigner;

/** A CA key held in this process (read from a PEM file), signing with the JCA provider that is fastest for it. */
final class PrivateKeySigner implements CaSigner {

    private final PrivateKey key;

    PrivateKeySigner(PrivateKey key) {
        // Converted once here, not per signature.
        this.key = SignatureAlgorithms.forFastestSigner(key);
    }

    @Override
    public ContentSigner contentSigner() {
        return SignatureAlgorithms.signer(key);
    }
}
