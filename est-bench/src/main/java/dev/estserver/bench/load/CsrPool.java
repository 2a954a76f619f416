package dev.estserver.bench.load;

/**
 * Pre-generated PKCS#10 requests, each for a distinct device identity, made before the timed part so that the
 * load generator spends no signing time while it measures. Handing out more than were generated fails the
 * scenario: a reused identity would measure the server's duplicate-device policy, not enrollment.
 */
public final class CsrPool {
    // Implemented on the load-generator branch.
}
