package dev.estserver.service.ca;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Function;

/**
 * A PEM file and the property that named it, so that whatever is wrong with the file is reported with both: the
 * operator knows which setting to change and which file to look at.
 */
public record ConfiguredFile(String property, Path path) {

    public List<X509Certificate> certificates() {
        return read(PemFiles::readCertificates);
    }

    public PrivateKey privateKey() {
        return read(PemFiles::readPrivateKey);
    }

    private <T> T read(Function<Path, T> reader) {
        try {
            return reader.apply(path);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(property + ": " + e.getMessage(), e);
        }
    }

    /** {@code est.ca.cert-file (/etc/est/ca.pem)}. */
    @Override
    public String toString() {
        return property + " (" + path + ")";
    }
}
