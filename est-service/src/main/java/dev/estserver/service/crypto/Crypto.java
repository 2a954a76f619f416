package dev.estserver.service.crypto;

import java.security.Provider;
import java.security.SecureRandom;
import java.util.Base64;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** The one BouncyCastle provider instance and random source the service uses; not registered globally. */
public final class Crypto {

    public static final Provider BC = new BouncyCastleProvider();

    public static final SecureRandom RANDOM = new SecureRandom();

    private Crypto() {
    }

    /** {@code bytes} random bytes as URL-safe base64 without padding: a secret to put in a cookie, form or file. */
    public static String randomToken(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
