package dev.estserver.bench.load;

/**
 * Pre-generated PKCS#10 requests, each for a distinct device identity, made before the timed part so that the
 * load generator spends no signing time while it measures. Handing out more than were generated fails the
 * scenario: a reused identity would measure the server's duplicate-device policy, not enrollment.
 */
public final class CsrPool {

    /** {@code count} requests with EC P-256 keys, each with its own CN starting with {@code identityPrefix}. */
    public static CsrPool generate(int count, String identityPrefix) {
        throw new UnsupportedOperationException("implemented on the load-generator branch");
    }

    public int size() {
        throw new UnsupportedOperationException("implemented on the load-generator branch");
    }
}
