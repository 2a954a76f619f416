package dev.estserver.service.auth;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.estserver.service.config.EstConfig;
import dev.estserver.service.store.BootstrapCredentialReader;
import dev.estserver.service.store.Credential;

/**
 * The bootstrap credential rows this replica read within the last {@code est.auth.credential-cache-ttl}, so that
 * a fleet sharing one credential does not cost a database round trip per enrollment, which at high concurrency
 * became a queue of its own in front of every request (README, Benchmark: measured design decisions).
 * <p>
 * Only a reusable credential that was found is kept. A single-use credential changes when it is used, and an
 * unknown username may have been issued a moment ago through another replica: both are read every time. A
 * revocation through this replica's admin API evicts its entry once committed ({@link BootstrapCredentials}); one
 * through another replica takes effect here within the TTL. A caller whose password does not match the cached hash
 * reads the row afresh ({@link #read}), so a secret changed elsewhere is accepted at once.
 */
@ApplicationScoped
public class BootstrapCredentialCache {

    /** Bounds memory against a flood of distinct valid credentials; past it, rows are simply not kept. */
    static final int MAX_ENTRIES = 10_000;

    private final long ttlNanos;
    private final LongSupplier clock;
    private final Function<String, Optional<Credential>> database;
    private final ExpiringEntries<Credential> entries = new ExpiringEntries<>(MAX_ENTRIES);
    /** Counts evictions, so that a read that started before one does not put back the row it evicted. */
    private final AtomicLong evictions = new AtomicLong();

    @Inject
    BootstrapCredentialCache(EstConfig config, BootstrapCredentialReader reader) {
        this(config.auth().credentialCacheTtl(), System::nanoTime, reader::find);
    }

    BootstrapCredentialCache(Duration ttl, LongSupplier clock, Function<String, Optional<Credential>> database) {
        this.ttlNanos = ttl.toNanos();
        this.clock = clock;
        this.database = database;
    }

    /** The row read within the TTL, without asking the database; empty when there is none. */
    Optional<Credential> cached(String username) {
        return entries.get(username, clock.getAsLong());
    }

    /**
     * The row as the database has it now, kept for the TTL when it is a reusable credential. The TTL counts from
     * before the read, and a row read while an eviction happened is not kept: it may be the row before the change.
     */
    Optional<Credential> read(String username) {
        long evictionsBefore = evictions.get();
        long readAt = clock.getAsLong();
        Optional<Credential> stored = database.apply(username);
        if (stored.isEmpty() || stored.get().oneTime || ttlNanos <= 0) {
            entries.remove(username);
            return stored;
        }
        entries.put(username, stored.get(), readAt + ttlNanos, clock.getAsLong());
        if (evictions.get() != evictionsBefore) {
            entries.remove(username);
        }
        return stored;
    }

    /** Forgets the row, after a change to it has been committed. */
    void evict(String username) {
        evictions.incrementAndGet();
        entries.remove(username);
    }
}
