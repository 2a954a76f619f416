package dev.estserver.service.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Map;

import org.bouncycastle.asn1.x500.X500Name;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import dev.estserver.service.ca.KeyPairs;
import dev.estserver.service.ca.PemFiles;
import dev.estserver.service.ca.SelfSignedCa;
import dev.estserver.service.ca.SerialNumbers;

/**
 * A second issuing CA (for the test label {@code second}) in the middle of a rollover: its next CA certificate and
 * the NewWithOld / OldWithNew link certificates are configured as rollover certificates.
 */
public class SecondCa implements QuarkusTestResourceLifecycleManager {

    public static final String NAME = "CN=EST Second Issuing CA,O=est-server test";
    public static final String NEXT_NAME = "CN=EST Second Issuing CA G2,O=est-server test";
    public static final Path DIR = Path.of("target/second-ca");

    @Override
    public Map<String, String> start() {
        try {
            Files.createDirectories(DIR);
            KeyPair current = KeyPairs.ecP256();
            KeyPair next = KeyPairs.ecP256();
            Files.writeString(DIR.resolve("ca.pem"),
                    PemFiles.toPem(SelfSignedCa.create(new X500Name(NAME), current, Duration.ofDays(30))));
            PemFiles.writePrivateKey(DIR.resolve("ca-key.pem"), current.getPrivate());
            var nextCa = TestCa.x509(SelfSignedCa.create(new X500Name(NEXT_NAME), next, Duration.ofDays(60)));
            var newWithOld = TestCertificates.signed(NEXT_NAME, next, NAME, current.getPrivate(), SerialNumbers.next());
            var oldWithNew = TestCertificates.signed(NAME, current, NEXT_NAME, next.getPrivate(), SerialNumbers.next());
            Files.writeString(DIR.resolve("rollover.pem"),
                    PemFiles.toPem(nextCa) + PemFiles.toPem(newWithOld) + PemFiles.toPem(oldWithNew));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("est.cas.second.cert-file", DIR.resolve("ca.pem").toString(),
                "est.cas.second.key-file", DIR.resolve("ca-key.pem").toString(),
                "est.cas.second.rollover-cert-files", DIR.resolve("rollover.pem").toString());
    }

    @Override
    public void stop() {
    }
}
