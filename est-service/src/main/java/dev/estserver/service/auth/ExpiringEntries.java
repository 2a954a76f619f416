package dev.estserver.service.auth;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A per-replica map whose entries expire, bounded against a flood of distinct keys: when it is full, expired entries
 * are dropped, and if it is still full a new entry is simply not kept. Times are {@link System#nanoTime()} values.
 */
final class ExpiringEntries<V> {

    private record Entry<V>(V value, long expiresAtNanos) {
    }

    private final int maxEntries;
    private final ConcurrentHashMap<String, Entry<V>> entries = new ConcurrentHashMap<>();

    ExpiringEntries(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** The value of {@code key} unless it expired by {@code now}. */
    Optional<V> get(String key, long now) {
        Entry<V> entry = entries.get(key);
        return entry != null && now - entry.expiresAtNanos < 0 ? Optional.of(entry.value()) : Optional.empty();
    }

    /** @return whether the entry was kept; when not, any older entry of {@code key} is gone too */
    boolean put(String key, V value, long expiresAtNanos, long now) {
        if (entries.size() >= maxEntries) {
            entries.values().removeIf(e -> now - e.expiresAtNanos >= 0);
        }
        if (entries.size() < maxEntries) {
            entries.put(key, new Entry<>(value, expiresAtNanos));
            return true;
        }
        entries.remove(key);
        return false;
    }

    void remove(String key) {
        entries.remove(key);
    }
}
