package dev.estserver.service.ca;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

import dev.estserver.service.crypto.Crypto;

/** Reads and writes PEM certificates and keys. Errors name the file and what was expected in it. */
public final class PemFiles {

    private static final JcaX509CertificateConverter CERTS = new JcaX509CertificateConverter().setProvider(Crypto.BC);
    private static final JcaPEMKeyConverter KEYS = new JcaPEMKeyConverter().setProvider(Crypto.BC);

    private PemFiles() {
    }

    public static List<X509Certificate> readCertificates(Path file) {
        List<X509Certificate> certs = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
                PEMParser parser = new PEMParser(reader)) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (o instanceof X509CertificateHolder holder) {
                    certs.add(CERTS.getCertificate(holder));
                }
            }
        } catch (IOException | CertificateException e) {
            throw new IllegalStateException("cannot read certificates from " + file + ": " + e.getMessage(), e);
        }
        if (certs.isEmpty()) {
            throw new IllegalStateException("no PEM CERTIFICATE block in " + file);
        }
        return certs;
    }

    public static PrivateKey readPrivateKey(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
                PEMParser parser = new PEMParser(reader)) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (o instanceof PrivateKeyInfo info) {
                    return KEYS.getPrivateKey(info);
                }
                if (o instanceof PEMKeyPair pair) {
                    return KEYS.getKeyPair(pair).getPrivate();
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read private key from " + file + ": " + e.getMessage(), e);
        }
        throw new IllegalStateException("no unencrypted PEM private key (PKCS#8, RSA or EC) in " + file);
    }

    public static String toPem(Object... objects) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            for (Object o : objects) {
                writer.writeObject(o);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Writes a PKCS#8 private key readable by the owner only, so a demo key is never world-readable. */
    public static void writePrivateKey(Path file, PrivateKey key) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, toPem(new JcaPKCS8Generator(key, null)), StandardCharsets.US_ASCII);
    }
}
