package dev.estserver.service.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.estserver.service.store.Credential;

class BootstrapCredentialCacheTest {

    private final AtomicLong clock = new AtomicLong();
    private final AtomicInteger reads = new AtomicInteger();
    private final Map<String, Credential> database = new HashMap<>();

    private BootstrapCredentialCache cache(Duration ttl) {
        return new BootstrapCredentialCache(ttl, clock::get, username -> {
            reads.incrementAndGet();
            return Optional.ofNullable(database.get(username));
        });
    }

    private Credential stored(String username, boolean oneTime) {
        Credential credential = new Credential();
        credential.username = username;
        credential.secretHash = "hash-of-" + username;
        credential.oneTime = oneTime;
        database.put(username, credential);
        return credential;
    }

    @Test
    void aReusableCredentialIsServedFromMemoryWithinTheTtl() {
        BootstrapCredentialCache cache = cache(Duration.ofSeconds(1));
        Credential fleet = stored("fleet", false);

        assertThat(cache.read("fleet")).containsSame(fleet);
        clock.addAndGet(Duration.ofMillis(999).toNanos());

        assertThat(cache.cached("fleet")).containsSame(fleet);
        assertThat(reads).hasValue(1);
    }

    @Test
    void anEntryOlderThanTheTtlIsNotServed() {
        BootstrapCredentialCache cache = cache(Duration.ofSeconds(1));
        stored("fleet", false);
        cache.read("fleet");

        clock.addAndGet(Duration.ofSeconds(1).toNanos());

        assertThat(cache.cached("fleet")).isEmpty();
    }

    @Test
    void aReadReplacesTheEntryWithTheRowAsStoredNow() {
        BootstrapCredentialCache cache = cache(Duration.ofSeconds(1));
        stored("fleet", false);
        cache.read("fleet");

        Credential rotated = stored("fleet", false);
        rotated.secretHash = "rotated";

        assertThat(cache.read("fleet")).containsSame(rotated);
        assertThat(cache.cached("fleet")).containsSame(rotated);
    }

    @Test
    void singleUseCredentialsAndUnknownUsernamesAreNeverKept() {
        BootstrapCredentialCache cache = cache(Duration.ofSeconds(1));
        stored("once", true);

        assertThat(cache.read("once")).isPresent();
        assertThat(cache.read("nobody")).isEmpty();

        assertThat(cache.cached("once")).isEmpty();
        assertThat(cache.cached("nobody")).isEmpty();
    }

    @Test
    void aCredentialThatBecameSingleUseOrVanishedIsForgotten() {
        BootstrapCredentialCache cache = cache(Duration.ofSeconds(1));
        stored("fleet", false);
        stored("gone", false);
        cache.read("fleet");
        cache.read("gone");

        stored("fleet", true);
        database.remove("gone");
        cache.read("fleet");
        cache.read("gone");

        assertThat(cache.cached("fleet")).isEmpty();
        assertThat(cache.cached("gone")).isEmpty();
    }

    @Test
    void aRowReadWhileItWasEvictedIsNotKept() {
        stored("fleet", false);
        BootstrapCredentialCache[] cache = new BootstrapCredentialCache[1];
        cache[0] = new BootstrapCredentialCache(Duration.ofSeconds(1), clock::get, username -> {
            Optional<Credential> before = Optional.ofNullable(database.get(username));
            cache[0].evict(username); // a revocation commits after the SELECT saw the row
            return before;
        });

        assertThat(cache[0].read("fleet")).isPresent();

        assertThat(cache[0].cached("fleet")).isEmpty();
    }

    @Test
    void theTtlCountsFromBeforeTheRead() {
        stored("fleet", false);
        BootstrapCredentialCache cache = new BootstrapCredentialCache(Duration.ofSeconds(1), clock::get,
                username -> {
                    clock.addAndGet(Duration.ofMillis(600).toNanos()); // a slow query
                    return Optional.ofNullable(database.get(username));
                });
        cache.read("fleet");

        clock.addAndGet(Duration.ofMillis(400).toNanos());

        assertThat(cache.cached("fleet")).isEmpty();
    }

    @Test
    void evictionForgetsTheRow() {
        BootstrapCredentialCache cache = cache(Duration.ofSeconds(1));
        stored("fleet", false);
        cache.read("fleet");

        cache.evict("fleet");

        assertThat(cache.cached("fleet")).isEmpty();
    }

    @Test
    void aZeroTtlKeepsNothing() {
        BootstrapCredentialCache cache = cache(Duration.ZERO);
        stored("fleet", false);

        cache.read("fleet");

        assertThat(cache.cached("fleet")).isEmpty();
    }

    @Test
    void pastTheBoundOnlyLiveEntriesAreKept() {
        BootstrapCredentialCache cache = cache(Duration.ofSeconds(1));
        for (int i = 0; i < BootstrapCredentialCache.MAX_ENTRIES; i++) {
            stored("user-" + i, false);
            cache.read("user-" + i);
        }
        stored("one-more", false);

        cache.read("one-more");
        assertThat(cache.cached("one-more")).isEmpty();

        clock.addAndGet(Duration.ofSeconds(1).toNanos());
        cache.read("one-more");
        assertThat(cache.cached("one-more")).isPresent();
        assertThat(cache.cached("user-0")).isEmpty();
    }
}
