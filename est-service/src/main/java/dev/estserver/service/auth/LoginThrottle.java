package dev.estserver.service.auth;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkus.runtime.Startup;

import dev.estserver.service.ca.Digests;
import dev.estserver.service.config.EstConfig;
import dev.estserver.service.config.StartupOrder;
import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;

/**
 * Brute-force limits on guessable credentials (HTTP Basic passwords, one-time codes, admin tokens): too many failed
 * attempts from one client address, or for one Basic username, lock that address or username out (429 +
 * Retry-After) before any password is hashed. Only the offender is locked: a caller from another address with
 * another username is never slowed. A locked-out username is refused even with the right password, or online
 * guessing could go on by watching for the one answer that is not 429. Client certificates cannot be guessed and
 * are never throttled.
 *
 * <p>Counts are kept in this replica's memory ({@link EstConfig.Throttle}). Attempts already being verified when the
 * limit is reached still get their answer, so a burst can exceed the limit by the number of requests in flight.
 */
@Singleton
@Startup(StartupOrder.CONFIGURATION)
public class LoginThrottle {

    /** Longer usernames are tracked by their hash, so that a key costs little memory whatever is sent. */
    private static final int LONGEST_KEPT_USERNAME = 64;
    private static final int IPV6_NETWORK_BYTES = 8;

    private final FailureCounter addresses;
    private final FailureCounter usernames;
    private final Clock clock;

    @Inject
    LoginThrottle(EstConfig config) {
        this(config.throttle(), Clock.systemUTC());
    }

    LoginThrottle(EstConfig.Throttle config, Clock clock) {
        positive("max-failures-per-address", config.maxFailuresPerAddress());
        positive("max-failures-per-username", config.maxFailuresPerUsername());
        positive("max-tracked", config.maxTracked());
        positive("window", config.window());
        positive("lockout", config.lockout());
        addresses = new FailureCounter(new FailureCounter.Limit(config.maxFailuresPerAddress(), config.window(),
                config.lockout()), config.maxTracked(), clock);
        usernames = new FailureCounter(new FailureCounter.Limit(config.maxFailuresPerUsername(), config.window(),
                config.lockout()), config.maxTracked(), clock);
        this.clock = clock;
    }

    /**
     * Runs {@code verification} of credentials sent from {@code clientAddress} (null when unknown) for
     * {@code username} (null when the credential has none, like a one-time code or an admin token), unless either
     * is locked out; a 401 it throws counts as a failure of both.
     *
     * @throws RequestRejected 429 with Retry-After while the address or the username is locked out
     */
    public <T> T attempt(String clientAddress, String username, Supplier<T> verification) {
        Optional<String> address = Optional.ofNullable(clientAddress).map(LoginThrottle::addressKey);
        Optional<String> user = Optional.ofNullable(username).map(LoginThrottle::usernameKey);
        refuseWhileLocked(address, user, username);
        try {
            return verification.get();
        } catch (RequestRejected e) {
            if (e.problem() == Problem.UNAUTHENTICATED) {
                address.ifPresent(addresses::failed);
                user.ifPresent(usernames::failed);
            }
            throw e;
        }
    }

    private void refuseWhileLocked(Optional<String> address, Optional<String> user, String username) {
        Optional<Instant> addressLocked = address.flatMap(addresses::lockedUntil);
        Optional<Instant> userLocked = user.flatMap(usernames::lockedUntil);
        if (addressLocked.isEmpty() && userLocked.isEmpty()) {
            return;
        }
        boolean byAddress = userLocked.isEmpty()
                || addressLocked.isPresent() && addressLocked.get().isAfter(userLocked.get());
        Instant until = byAddress ? addressLocked.get() : userLocked.get();
        String what = byAddress ? "client address " + address.get() : "username '" + username + "'";
        throw new RequestRejected(Problem.TOO_MANY_REQUESTS, "too many failed authentication attempts for " + what
                + ": locked out until " + until + "; credentials are not checked until then",
                Duration.between(clock.instant(), until));
    }

    /** An IPv6 client is tracked by its /64 network: one host usually holds a whole /64 to pick addresses from. */
    static String addressKey(String clientAddress) {
        try {
            InetAddress address = InetAddress.ofLiteral(clientAddress);
            if (address instanceof Inet6Address) {
                byte[] network = Arrays.copyOf(address.getAddress(), 16);
                Arrays.fill(network, IPV6_NETWORK_BYTES, 16, (byte) 0);
                return InetAddress.getByAddress(network).getHostAddress() + "/64";
            }
            return address.getHostAddress();
        } catch (IllegalArgumentException | UnknownHostException e) {
            return clientAddress;
        }
    }

    private static String usernameKey(String username) {
        return username.length() <= LONGEST_KEPT_USERNAME ? "=" + username
                : "#" + Digests.sha256Hex(username.getBytes(StandardCharsets.UTF_8));
    }

    private static void positive(String property, long value) {
        if (value < 1) {
            throw new IllegalStateException("est.throttle." + property + " must be at least 1, got " + value);
        }
    }

    private static void positive(String property, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalStateException("est.throttle." + property + " must be a positive duration, got "
                    + value);
        }
    }
}
