package dev.estserver.service.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class VerifiedPasswordsTest {

    private static final String HASH = PasswordHasher.hash("right");

    private final AtomicLong clock = new AtomicLong();
    private final AtomicInteger argon2Calls = new AtomicInteger();

    private VerifiedPasswords cache(Duration ttl) {
        return new VerifiedPasswords(ttl, clock::get, (password, hash) -> {
            argon2Calls.incrementAndGet();
            return PasswordHasher.verify(password, hash);
        });
    }

    @Test
    void aMatchedPasswordIsNotHashedAgainWithinTheTtl() {
        VerifiedPasswords passwords = cache(Duration.ofMinutes(5));

        assertThat(passwords.matches("right", HASH)).isTrue();
        clock.addAndGet(Duration.ofMinutes(4).toNanos());
        assertThat(passwords.matches("right", HASH)).isTrue();

        assertThat(argon2Calls).hasValue(1);
    }

    @Test
    void wrongPasswordsAlwaysCostAFullHashAndNeverMatch() {
        VerifiedPasswords passwords = cache(Duration.ofMinutes(5));
        passwords.matches("right", HASH);

        assertThat(passwords.matches("wrong", HASH)).isFalse();
        assertThat(passwords.matches("wrong", HASH)).isFalse();

        assertThat(argon2Calls).hasValue(3);
    }

    @Test
    void anExpiredEntryIsVerifiedAfresh() {
        VerifiedPasswords passwords = cache(Duration.ofMinutes(5));
        passwords.matches("right", HASH);

        clock.addAndGet(Duration.ofMinutes(5).toNanos());

        assertThat(passwords.matches("right", HASH)).isTrue();
        assertThat(argon2Calls).hasValue(2);
    }

    @Test
    void anEntryBelongsToItsStoredHash() {
        VerifiedPasswords passwords = cache(Duration.ofMinutes(5));
        passwords.matches("right", HASH);

        assertThat(passwords.matches("right", PasswordHasher.hash("rotated"))).isFalse();
    }

    @Test
    void aZeroTtlHashesEveryTime() {
        VerifiedPasswords passwords = cache(Duration.ZERO);

        assertThat(passwords.matches("right", HASH)).isTrue();
        assertThat(passwords.matches("right", HASH)).isTrue();

        assertThat(argon2Calls).hasValue(2);
    }
}
