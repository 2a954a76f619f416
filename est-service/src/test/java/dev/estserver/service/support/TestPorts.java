package dev.estserver.service.support;

/**
 * Ports and database of the service under test. The defaults match application.properties; the environment
 * variables let several checkouts run their tests at once on one machine (application.properties reads the same).
 */
public final class TestPorts {

    public static final int HTTPS = Integer.parseInt(env("EST_TEST_PORT", "8444"));
    public static final int MANAGEMENT = Integer.parseInt(env("EST_TEST_MANAGEMENT_PORT", "9001"));
    /** The plain-HTTP CRL and OCSP listener (est.revocation.http.port). */
    public static final int REVOCATION_HTTP = Integer.parseInt(env("EST_TEST_REVOCATION_HTTP_PORT", "8081"));
    public static final String DATABASE = env("EST_TEST_DATABASE", "est_test");

    private TestPorts() {
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
