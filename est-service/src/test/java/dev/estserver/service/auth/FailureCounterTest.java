package dev.estserver.service.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.estserver.service.support.SettableClock;

class FailureCounterTest {

    private static final Duration WINDOW = Duration.ofMinutes(5);
    private static final Duration LOCKOUT = Duration.ofMinutes(15);

    private final SettableClock clock = new SettableClock();

    private FailureCounter counter(int maxFailures, int capacity) {
        return new FailureCounter(new FailureCounter.Limit(maxFailures, WINDOW, LOCKOUT), capacity, clock);
    }

    private static void fail(FailureCounter counter, String key, int times) {
        for (int i = 0; i < times; i++) {
            counter.failed(key);
        }
    }

    @Test
    void locksOutAKeyWhenItsFailuresReachTheLimitWithinTheWindow() {
        FailureCounter counter = counter(3, 100);
        fail(counter, "10.0.0.1", 2);
        assertThat(counter.lockedUntil("10.0.0.1")).isEmpty();

        clock.advance(WINDOW.minusSeconds(1));
        counter.failed("10.0.0.1");

        assertThat(counter.lockedUntil("10.0.0.1")).contains(clock.instant().plus(LOCKOUT));
    }

    @Test
    void locksOutOnlyTheKeyThatFailed() {
        FailureCounter counter = counter(3, 100);
        fail(counter, "10.0.0.1", 3);

        assertThat(counter.lockedUntil("10.0.0.2")).isEmpty();
    }

    @Test
    void forgetsFailuresOnceTheirWindowIsOver() {
        FailureCounter counter = counter(3, 100);
        fail(counter, "10.0.0.1", 2);

        clock.advance(WINDOW);
        fail(counter, "10.0.0.1", 2);

        assertThat(counter.lockedUntil("10.0.0.1")).isEmpty();
    }

    @Test
    void lockoutEndsAfterItsDurationAndCountingStartsAfresh() {
        FailureCounter counter = counter(3, 100);
        fail(counter, "10.0.0.1", 3);
        clock.advance(LOCKOUT.minusSeconds(1));
        assertThat(counter.lockedUntil("10.0.0.1")).isPresent();

        clock.advance(Duration.ofSeconds(1));
        assertThat(counter.lockedUntil("10.0.0.1")).isEmpty();
        fail(counter, "10.0.0.1", 2);
        assertThat(counter.lockedUntil("10.0.0.1")).isEmpty();
    }

    @Test
    void failuresDuringALockoutDoNotProlongIt() {
        FailureCounter counter = counter(3, 100);
        fail(counter, "10.0.0.1", 3);
        Instant until = counter.lockedUntil("10.0.0.1").orElseThrow();

        clock.advance(Duration.ofMinutes(1));
        fail(counter, "10.0.0.1", 5);

        assertThat(counter.lockedUntil("10.0.0.1")).contains(until);
    }

    @Test
    void aScanFromManyAddressesNeverTracksMoreThanTheCapacity() {
        FailureCounter counter = counter(3, 1_000);
        for (int i = 0; i < 100_000; i++) {
            counter.failed("10." + (i >> 16) + "." + ((i >> 8) & 0xff) + "." + (i & 0xff));
            clock.advance(Duration.ofMillis(1));
        }

        assertThat(counter.tracked()).isEqualTo(1_000);
    }

    @Test
    void evictsTheKeyThatFailedLeastRecentlyWhenFull() {
        FailureCounter counter = counter(2, 2);
        fail(counter, "attacker", 2);
        clock.advance(Duration.ofSeconds(1));
        counter.failed("b");
        clock.advance(Duration.ofSeconds(1));
        counter.failed("attacker");
        clock.advance(Duration.ofSeconds(1));

        counter.failed("c");

        assertThat(counter.tracked()).isEqualTo(2);
        assertThat(counter.lockedUntil("attacker")).as("failed more recently than b").isPresent();
    }

    @Test
    void forgetsKeysWhoseWindowAndLockoutAreOver() {
        FailureCounter counter = counter(3, 100);
        fail(counter, "locked", 3);
        counter.failed("counted");

        clock.advance(LOCKOUT);
        counter.failed("new");

        assertThat(counter.tracked()).isEqualTo(1);
    }
}
