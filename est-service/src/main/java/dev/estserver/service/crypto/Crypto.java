package dev.estserver.service.crypto;

import java.security.Provider;
import java.security.SecureRandom;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** The one BouncyCastle provider instance and random source the service uses; not registered globally. */
public final class Crypto {

    public static final Provider BC = new BouncyCastleProvider();

    public static final SecureRandom RANDOM = new SecureRandom();

    private Crypto() {
    }
}
