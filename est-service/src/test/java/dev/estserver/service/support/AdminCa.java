package dev.estserver.service.support;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** The operators' CA, configured as the admin client CA: its certificates name their admin role in the OU. */
public class AdminCa implements QuarkusTestResourceLifecycleManager {

    private static final GeneratedCa CA = new GeneratedCa("CN=Platform Team Admin CA,O=Acme",
            Path.of("target/admin-ca"));

    @Override
    public Map<String, String> start() {
        return Map.of("est.admin.client-ca-files", CA.create().certificateFile().toString());
    }

    @Override
    public void stop() {
    }

    /** A certificate of the admin CA for {@code subject}, valid for an hour. */
    public static X509Certificate issue(String subject, KeyPair keys) {
        Instant now = Instant.now();
        return CA.issue(subject, keys, now.minusSeconds(60), now.plusSeconds(3600));
    }
}
