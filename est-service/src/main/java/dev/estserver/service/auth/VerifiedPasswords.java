package dev.estserver.service.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.function.BiPredicate;
import java.util.function.LongSupplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.estserver.service.crypto.Crypto;
import dev.estserver.service.config.EstConfig;

/**
 * Remembers, for a short time, which password last matched a stored Argon2id hash, so that a bootstrap credential
 * shared by a fleet costs one Argon2id computation per replica and TTL instead of one per enrollment (about 30 ms
 * of a core each, which would cap a replica at a few dozen enrollments per second). The same trade-off as
 * Elasticsearch's realm cache ({@code cache.ttl}, {@code cache.hash_algo: ssha256}).
 * <p>
 * What is kept is an HMAC of the password under a key that exists only in this process, never the password; the
 * entry is tied to the stored hash, so a credential whose secret changes is verified afresh. Only a match is
 * remembered: a wrong password always costs a full Argon2id computation, so online guessing stays as slow as
 * before. Revocation, expiry and restrictions are checked on every request, against the row as
 * {@link BootstrapCredentialCache} has it.
 */
@ApplicationScoped
public class VerifiedPasswords {

    /** Bounds memory against a flood of distinct valid credentials; past it, entries are simply not added. */
    static final int MAX_ENTRIES = 10_000;

    private final long ttlNanos;
    private final LongSupplier clock;
    private final BiPredicate<String, String> argon2;
    private final SecretKeySpec key;
    private final ExpiringEntries<byte[]> entries = new ExpiringEntries<>(MAX_ENTRIES);

    @Inject
    VerifiedPasswords(EstConfig config) {
        this(config.auth().verifiedPasswordTtl(), System::nanoTime, PasswordHasher::verify);
    }

    VerifiedPasswords(Duration ttl, LongSupplier clock, BiPredicate<String, String> argon2) {
        this.ttlNanos = ttl.toNanos();
        this.clock = clock;
        this.argon2 = argon2;
        byte[] random = new byte[32];
        Crypto.RANDOM.nextBytes(random);
        this.key = new SecretKeySpec(random, "HmacSHA256");
    }

    /** Whether {@code password} matches {@code storedHash}, by the cache when it can, else by Argon2id. */
    public boolean matches(String password, String storedHash) {
        if (ttlNanos <= 0) {
            return argon2.test(password, storedHash);
        }
        byte[] mac = mac(password);
        long now = clock.getAsLong();
        if (entries.get(storedHash, now).filter(known -> MessageDigest.isEqual(known, mac)).isPresent()) {
            return true;
        }
        if (!argon2.test(password, storedHash)) {
            return false;
        }
        entries.put(storedHash, mac, now + ttlNanos, now);
        return true;
    }

    private byte[] mac(String password) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(key);
            return hmac.doFinal(password.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
