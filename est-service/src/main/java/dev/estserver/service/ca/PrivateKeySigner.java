package dev.estserver.service.ca;

import java.security.PrivateKey;

import org.bouncycastle.operator.ContentSigner;

import dev.estserver.service.crypto.CryptoProviders;
import dev.estserver.service.crypto.SigningKey;

/** A CA key held in this process (read from a PEM file), signing with the provider that is fastest for it. */
final class PrivateKeySigner implements CaSigner {

    private final SigningKey key;

    PrivateKeySigner(PrivateKey key, CryptoProviders providers) {
        // Converted once here, not per signature.
        this.key = providers.signingKey(key);
    }

    @Override
    public ContentSigner contentSigner() {
        return SignatureAlgorithms.signer(key);
    }

    @Override
    public boolean inProcess() {
        return true;
    }

    @Override
    public String provider() {
        return key.provider().getName();
    }
}
