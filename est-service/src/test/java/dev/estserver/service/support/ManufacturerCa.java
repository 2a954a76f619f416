package dev.estserver.service.support;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A device manufacturer's CA (IDevID issuer), generated before the service starts and configured as its
 * enrollment trust, so that tests can enroll with factory-installed certificates.
 */
public class ManufacturerCa implements QuarkusTestResourceLifecycleManager {

    public static final String NAME = "CN=Acme Devices IDevID CA,O=Acme";
    private static final GeneratedCa CA = new GeneratedCa(NAME, Path.of("target/manufacturer-ca"));

    @Override
    public Map<String, String> start() {
        return Map.of("est.auth.enrollment-trust-files", CA.create().certificateFile().toString());
    }

    @Override
    public void stop() {
    }

    /** An IDevID certificate for {@code subject}, valid between the given instants. */
    public static X509Certificate issue(String subject, KeyPair keys, Instant notBefore, Instant notAfter) {
        return CA.issue(subject, keys, notBefore, notAfter);
    }
}
