package dev.estserver.service.crypto;

import java.security.PrivateKey;
import java.security.Provider;

/** A CA's private key as the object of the provider that signs with it, and that provider. */
public record SigningKey(PrivateKey key, Provider provider) {
}
