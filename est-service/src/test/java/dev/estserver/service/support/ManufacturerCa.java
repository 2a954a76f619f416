package dev.estserver.service.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.bouncycastle.asn1.x500.X500Name;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import dev.estserver.service.ca.KeyPairs;
import dev.estserver.service.ca.PemFiles;
import dev.estserver.service.ca.SelfSignedCa;
import dev.estserver.service.ca.SerialNumbers;

/**
 * A device manufacturer's CA (IDevID issuer), generated before the service starts and configured as its
 * enrollment trust, so that tests can enroll with factory-installed certificates.
 */
public class ManufacturerCa implements QuarkusTestResourceLifecycleManager {

    public static final String NAME = "CN=Acme Devices IDevID CA,O=Acme";
    private static final Path DIR = Path.of("target/manufacturer-ca");

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
        return Map.of("est.auth.enrollment-trust-files", DIR.resolve("ca.pem").toString());
    }

    @Override
    public void stop() {
    }

    /** An IDevID certificate for {@code subject}, valid between the given instants. */
    public static X509Certificate issue(String subject, KeyPair keys, Instant notBefore, Instant notAfter) {
        PrivateKey caKey = PemFiles.readPrivateKey(DIR.resolve("ca-key.pem"));
        BigInteger serial = SerialNumbers.next();
        return TestCertificates.signed(subject, keys, NAME, caKey, serial, notBefore, notAfter);
    }
}
