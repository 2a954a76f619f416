package dev.estserver.operator.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * How many calls one est-service gets from the operator at a time, and a pause after it showed distress. Every
 * reconcile thread may want to call the service at once (a burst of new DeviceEnrollments); without a bound they
 * exhaust its database pool, and a retry storm right after a 503 makes it worse. A call waits for a permit up to the
 * call timeout; while the service is paused, calls fail at once with the reason of the pause, so their resources
 * are looked at again after it instead of queueing.
 */
final class CallGate {

    static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    static final Duration LONGEST_PAUSE = Duration.ofSeconds(60);

    private final Semaphore permits;
    private final Duration wait;
    private final Clock clock;
    private Instant pausedUntil = Instant.MIN;
    private Duration lastPause = Duration.ZERO;
    private String pauseReason = "";

    CallGate(int concurrentCalls, Duration wait, Clock clock) {
        this.permits = new Semaphore(concurrentCalls, true);
        this.wait = wait;
        this.clock = clock;
    }

    /** Runs the call with a permit; a transient failure pauses the service, a success ends a pause. */
    <T> T call(String what, Supplier<T> call) {
        refuseWhilePaused(what);
        try {
            if (!permits.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw AdminApiException.of(AdminApiException.UNREACHABLE, "est-service: " + what
                        + " waited " + wait.toSeconds() + " s for one of its concurrent calls; it is not answering");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AdminApiException.of(AdminApiException.UNREACHABLE, "interrupted before " + what);
        }
        try {
            T result = call.get();
            resume();
            return result;
        } catch (AdminApiException e) {
            if (e.isTransient()) {
                pause(e);
            }
            throw e;
        } finally {
            permits.release();
        }
    }

    private synchronized void refuseWhilePaused(String what) {
        Instant now = clock.instant();
        if (now.isBefore(pausedUntil)) {
            throw AdminApiException.of(AdminApiException.UNREACHABLE, "est-service is left alone until "
                    + pausedUntil + " (" + what + " not sent): " + pauseReason);
        }
    }

    /** Doubles the pause on each failure in a row, up to a minute; the service's Retry-After wins when longer. */
    private synchronized void pause(AdminApiException failure) {
        lastPause = lastPause.isZero() ? FIRST_PAUSE : min(lastPause.multipliedBy(2), LONGEST_PAUSE);
        Duration pause = failure.retryAfter().filter(asked -> asked.compareTo(lastPause) > 0)
                .map(asked -> min(asked, LONGEST_PAUSE)).orElse(lastPause);
        pausedUntil = clock.instant().plus(pause);
        pauseReason = failure.getMessage();
    }

    private synchronized void resume() {
        lastPause = Duration.ZERO;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
