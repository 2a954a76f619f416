package dev.estserver.service.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Collectors;

import dev.estserver.service.ca.KeyPairs;
import dev.estserver.service.ca.PemFiles;

/**
 * A root CA and an issuing CA below it, as operators configure a production CA: chain files in {@code dir} written
 * in whatever order a test needs, and the issuing CA's key in {@code issuing-key.pem}.
 */
public record TwoTierPki(Path dir, KeyPair rootKeys, X509Certificate root, KeyPair issuingKeys,
        X509Certificate issuing) {

    public static final String ROOT = "CN=Test Root CA";
    public static final String ISSUING = "CN=Test Issuing CA";

    public static TwoTierPki create(Path dir) {
        Instant now = Instant.now();
        KeyPair rootKeys = KeyPairs.ecP256();
        KeyPair issuingKeys = KeyPairs.ecP256();
        X509Certificate root = TestCertificates.ca(ROOT, rootKeys, ROOT, rootKeys.getPrivate(),
                now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)));
        X509Certificate issuing = TestCertificates.ca(ISSUING, issuingKeys, ROOT, rootKeys.getPrivate(),
                now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)));
        try {
            Files.createDirectories(dir);
            PemFiles.writePrivateKey(dir.resolve("issuing-key.pem"), issuingKeys.getPrivate());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TwoTierPki(dir, rootKeys, root, issuingKeys, issuing);
    }

    public Path keyFile() {
        return dir.resolve("issuing-key.pem");
    }

    /** Writes {@code certificates} in this order to the PEM file {@code name}. */
    public Path file(String name, X509Certificate... certificates) {
        Path file = dir.resolve(name);
        try {
            Files.writeString(file, Arrays.stream(certificates).map(PemFiles::toPem).collect(Collectors.joining()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
