package dev.estserver.service.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

import org.bouncycastle.asn1.x500.X500Name;

import dev.estserver.service.ca.KeyPairs;
import dev.estserver.service.ca.PemFiles;
import dev.estserver.service.ca.SelfSignedCa;
import dev.estserver.service.ca.SerialNumbers;

/**
 * A CA that test resources generate into a directory before the service starts and configure as a trust:
 * {@code ca.pem} for the service, {@code ca-key.pem} to issue client certificates from.
 */
record GeneratedCa(String name, Path dir) {

    GeneratedCa create() {
        try {
            Files.createDirectories(dir);
            KeyPair keys = KeyPairs.ecP256();
            Files.writeString(certificateFile(),
                    PemFiles.toPem(SelfSignedCa.create(new X500Name(name), keys, Duration.ofDays(30))));
            PemFiles.writePrivateKey(dir.resolve("ca-key.pem"), keys.getPrivate());
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path certificateFile() {
        return dir.resolve("ca.pem");
    }

    X509Certificate issue(String subject, KeyPair keys, Instant notBefore, Instant notAfter) {
        PrivateKey caKey = PemFiles.readPrivateKey(dir.resolve("ca-key.pem"));
        return TestCertificates.signed(subject, keys, name, caKey, SerialNumbers.next(), notBefore, notAfter);
    }
}
