package dev.estserver.service.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;

import org.bouncycastle.asn1.x500.X500Name;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import dev.estserver.service.ca.KeyPairs;
import dev.estserver.service.ca.PemFiles;
import dev.estserver.service.ca.SelfSignedCa;
import dev.estserver.service.ca.SerialNumbers;

/** The operators' CA, configured as the admin client CA: its certificates name their admin role in the OU. */
public class AdminCa implements QuarkusTestResourceLifecycleManager {

    public static final String NAME = "CN=Platform Team Admin CA,O=Acme";
    private static final Path DIR = Path.of("target/admin-ca");

    @Override
    public Map<String, String> start() {
        try {
            Files.createDirectories(DIR);
            KeyPair keys = KeyPairs.ecP256();
            Files.writeString(DIR.resolve("ca.pem"),
                    PemFiles.toPem(SelfSignedCa.create(new X500Name(NAME), keys, Duration.ofDays(30))));
            PemFiles.writePrivateKey(DIR.resolve("ca-key.pem"), keys.getPrivate());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("est.admin.client-ca-files", DIR.resolve("ca.pem").toString());
    }

    @Override
    public void stop() {
    }

    /** A certificate of the admin CA for {@code subject}, valid for an hour. */
    public static X509Certificate issue(String subject, KeyPair keys) {
        PrivateKey caKey = PemFiles.readPrivateKey(DIR.resolve("ca-key.pem"));
        return TestCertificates.signed(subject, keys, NAME, caKey, SerialNumbers.next());
    }
}
