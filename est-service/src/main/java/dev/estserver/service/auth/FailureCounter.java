package dev.estserver.service.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Optional;

/**
 * Failed authentication attempts per key (a client address or a username): {@code maxFailures} failures within
 * {@code window} of the first one lock the key out for {@code lockout}; after the window or the lockout the key
 * starts afresh. A success does not reset the count, so a caller holding one valid credential cannot interleave
 * logins to keep guessing another.
 *
 * <p>Memory is bounded: keys whose window and lockout are over are forgotten, and beyond {@code capacity} keys the
 * one that failed least recently is forgotten first. Safe to share between threads.
 */
final class FailureCounter {

    record Limit(int maxFailures, Duration window, Duration lockout) {
    }

    private record Entry(Instant windowStart, int failures, Instant lockedUntil, Instant lastFailure) {

        boolean over(Instant now, Limit limit) {
            return lockedUntil != null ? !now.isBefore(lockedUntil) : !now.isBefore(windowStart.plus(limit.window()));
        }
    }

    private final Limit limit;
    private final int capacity;
    private final Clock clock;
    /** In the order of last failure, oldest first: an entry is moved to the end when it fails again. */
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();
    /** Every entry is over this long after its last failure (its window or lockout began no later). */
    private final Duration lifetime;

    FailureCounter(Limit limit, int capacity, Clock clock) {
        this.limit = limit;
        this.capacity = capacity;
        this.clock = clock;
        this.lifetime = limit.window().compareTo(limit.lockout()) > 0 ? limit.window() : limit.lockout();
    }

    /** When the lockout of {@code key} ends, if it is locked out now. */
    synchronized Optional<Instant> lockedUntil(String key) {
        Entry entry = entries.get(key);
        if (entry == null || entry.lockedUntil() == null || !clock.instant().isBefore(entry.lockedUntil())) {
            return Optional.empty();
        }
        return Optional.of(entry.lockedUntil());
    }

    /** Counts a failure of {@code key}; when it reaches the limit, the key is locked out from now on. */
    synchronized void failed(String key) {
        Instant now = clock.instant();
        forgetOver(now);
        Entry previous = entries.remove(key);
        Entry next;
        if (previous == null || previous.over(now, limit)) {
            next = new Entry(now, 1, null, now);
        } else if (previous.lockedUntil() != null) {
            // Racing a request that locked it: the lockout stands as it is, not prolonged by more attempts.
            next = new Entry(previous.windowStart(), previous.failures(), previous.lockedUntil(), now);
        } else {
            next = new Entry(previous.windowStart(), previous.failures() + 1, null, now);
        }
        if (next.lockedUntil() == null && next.failures() >= limit.maxFailures()) {
            next = new Entry(next.windowStart(), next.failures(), now.plus(limit.lockout()), now);
        }
        entries.put(key, next);
        if (entries.size() > capacity) {
            Iterator<String> oldest = entries.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    /** How many keys are remembered. */
    synchronized int tracked() {
        return entries.size();
    }

    private void forgetOver(Instant now) {
        Iterator<Entry> oldestFirst = entries.values().iterator();
        while (oldestFirst.hasNext() && !now.isBefore(oldestFirst.next().lastFailure().plus(lifetime))) {
            oldestFirst.remove();
        }
    }
}
