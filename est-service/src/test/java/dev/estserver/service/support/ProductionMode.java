package dev.estserver.service.support;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

import dev.estserver.service.ca.DemoPki;

/**
 * The service in production mode inside a {@code @QuarkusTest}: the configuration profile of its own leaves out every
 * {@code %test} property (the demo mode, the demo credential, the test labels), so only what
 * {@link #configuration()} adds is configured, as an operator writes it. The CA and TLS files are those of the
 * test demo directory, which the test clients already trust; the database is the test database, cleaned at start.
 */
public abstract class ProductionMode implements QuarkusTestProfile {

    /** The admin token of role admin that production-mode tests call the admin API with. */
    public static final String ADMIN_TOKEN = "production-mode-test-admin-token-0123456789";

    /** What the test configures, as {@code est.*} properties. */
    protected abstract Map<String, String> configuration();

    @Override
    public String getConfigProfile() {
        return "production-test";
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        DemoPki.ensure(TestTls.DEMO_DIR);
        Map<String, String> properties = new HashMap<>(Map.of(
                "est.ca.cert-file", TestTls.DEMO_DIR.resolve(DemoPki.CA_CERT).toString(),
                "est.ca.key-file", TestTls.DEMO_DIR.resolve(DemoPki.CA_KEY).toString(),
                "est.tls.cert-file", TestTls.DEMO_DIR.resolve(DemoPki.TLS_CERT).toString(),
                "est.tls.key-file", TestTls.DEMO_DIR.resolve(DemoPki.TLS_KEY).toString(),
                "est.admin.tokens.production-test", ADMIN_TOKEN,
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost:5432/" + TestPorts.DATABASE,
                "quarkus.datasource.username", "est",
                "quarkus.datasource.password", "est",
                "quarkus.flyway.clean-at-start", "true",
                "quarkus.flyway.clean-disabled", "false"));
        properties.putAll(configuration());
        return properties;
    }
}
