package dev.estserver.service.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.estserver.service.config.EstConfig;
import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;
import dev.estserver.service.support.Rejected;
import dev.estserver.service.support.SettableClock;

class LoginThrottleTest {

    private static final Duration LOCKOUT = Duration.ofMinutes(15);

    record Limits(int maxFailuresPerAddress, int maxFailuresPerUsername, Duration window, Duration lockout,
            int maxTracked) implements EstConfig.Throttle {
    }

    private final SettableClock clock = new SettableClock();
    private final LoginThrottle throttle = new LoginThrottle(new Limits(3, 5, Duration.ofMinutes(5), LOCKOUT, 100),
            clock);
    private final AtomicInteger verifications = new AtomicInteger();

    private String refuse() {
        verifications.incrementAndGet();
        throw new RequestRejected(Problem.UNAUTHENTICATED, "wrong password");
    }

    private String accept() {
        verifications.incrementAndGet();
        return "caller";
    }

    private void failTimes(int times, String address, String username) {
        for (int i = 0; i < times; i++) {
            Rejected.assertRejected(() -> throttle.attempt(address, username, this::refuse), Problem.UNAUTHENTICATED,
                    "wrong password");
        }
    }

    @Test
    void refusesALockedOutUsernameWithoutVerifyingEvenTheRightPassword() {
        for (int i = 0; i < 5; i++) {
            failTimes(1, "192.0.2." + i, "device-7");
        }
        verifications.set(0);

        RequestRejected refusal = catchThrowableOfType(RequestRejected.class,
                () -> throttle.attempt("198.51.100.1", "device-7", this::accept));

        assertThat(refusal.problem()).isEqualTo(Problem.TOO_MANY_REQUESTS);
        assertThat(refusal.getMessage()).contains("username 'device-7'", "locked out until 2026-01-01T00:15:00Z");
        assertThat(refusal.retryAfter()).contains(LOCKOUT);
        assertThat(verifications).as("verifications while locked out").hasValue(0);
    }

    @Test
    void refusesALockedOutAddressForEveryUsername() {
        failTimes(3, "192.0.2.1", null);

        Rejected.assertRejected(() -> throttle.attempt("192.0.2.1", "someone-else", this::accept),
                Problem.TOO_MANY_REQUESTS, "client address 192.0.2.1");
        assertThat(throttle.attempt("192.0.2.2", "someone-else", this::accept)).isEqualTo("caller");
    }

    @Test
    void tracksAnIpv6ClientByItsSlash64() {
        failTimes(3, "2001:db8:1:2::1", null);

        Rejected.assertRejected(() -> throttle.attempt("2001:db8:1:2:ffff::9", null, this::accept),
                Problem.TOO_MANY_REQUESTS, "client address 2001:db8:1:2:0:0:0:0/64");
        assertThat(throttle.attempt("2001:db8:1:3::1", null, this::accept)).isEqualTo("caller");
    }

    @Test
    void otherRefusalsAreNotCountedAsFailedLogins() {
        for (int i = 0; i < 5; i++) {
            Rejected.assertRejected(() -> throttle.attempt("192.0.2.1", "device-7", () -> {
                throw new RequestRejected(Problem.FORBIDDEN, "label does not accept Basic");
            }), Problem.FORBIDDEN, "label does not accept Basic");
        }

        assertThat(throttle.attempt("192.0.2.1", "device-7", this::accept)).isEqualTo("caller");
    }

    @Test
    void startupNamesAnInvalidLimit() {
        assertThatIllegalStateException().isThrownBy(() -> new LoginThrottle(new Limits(0, 5, Duration.ofMinutes(5),
                LOCKOUT, 100), clock)).withMessage("est.throttle.max-failures-per-address must be at least 1, got 0");
        assertThatIllegalStateException().isThrownBy(() -> new LoginThrottle(new Limits(3, 5, Duration.ZERO,
                LOCKOUT, 100), clock)).withMessage("est.throttle.window must be a positive duration, got PT0S");
    }
}
