package dev.estserver.service.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.util.Base64;
import java.util.Map;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import dev.estserver.service.ca.Crypto;
import dev.estserver.service.ca.PemFiles;
import dev.estserver.service.ca.SignatureAlgorithms;

/** PKCS#10 requests as devices make them, in each body shape clients send. */
public final class Csrs {

    private Csrs() {
    }

    /** A CSR for {@code subject} (a DN such as "CN=dev-1", or "" for none) with DNS names as SANs. */
    public static PKCS10CertificationRequest csr(KeyPair keys, String subject, String... dnsNames) {
        return csr(keys, subject, Map.of(), dnsNames);
    }

    /** A CSR that also carries the given attributes (type to its single value). */
    public static PKCS10CertificationRequest csr(KeyPair keys, String subject,
            Map<ASN1ObjectIdentifier, ASN1Encodable> attributes, String... dnsNames) {
        try {
            var builder = new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), keys.getPublic());
            attributes.forEach(builder::addAttribute);
            if (dnsNames.length > 0) {
                GeneralName[] names = new GeneralName[dnsNames.length];
                for (int i = 0; i < dnsNames.length; i++) {
                    names[i] = new GeneralName(GeneralName.dNSName, dnsNames[i]);
                }
                ExtensionsGenerator extensions = new ExtensionsGenerator();
                extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
                builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
            }
            return builder.build(new JcaContentSignerBuilder(SignatureAlgorithms.forKey(keys.getPrivate()))
                    .setProvider(Crypto.BC).build(keys.getPrivate()));
        } catch (OperatorCreationException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A CSR for {@code subject} carrying one extra attribute, such as an RFC 7030 §4.4.1 key identifier. */
    public static PKCS10CertificationRequest withAttribute(KeyPair keys, String subject, ASN1ObjectIdentifier type,
            ASN1Encodable value) {
        try {
            return new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), keys.getPublic())
                    .addAttribute(type, value)
                    .build(new JcaContentSignerBuilder(SignatureAlgorithms.forKey(keys.getPrivate()))
                            .setProvider(Crypto.BC).build(keys.getPrivate()));
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] der(PKCS10CertificationRequest csr) {
        try {
            return csr.getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Base64 of the DER in one line, no final newline: what a curl user pastes. */
    public static byte[] base64(PKCS10CertificationRequest csr) {
        return Base64.getEncoder().encode(der(csr));
    }

    /** Base64 in lines of {@code width} ending with {@code eol}, final line break included. */
    public static byte[] base64(PKCS10CertificationRequest csr, int width, String eol) {
        String text = Base64.getMimeEncoder(width, eol.getBytes()).encodeToString(der(csr)) + eol;
        return text.getBytes();
    }

    public static byte[] pem(PKCS10CertificationRequest csr) {
        return PemFiles.toPem(csr).getBytes();
    }

    /** The same request with one bit of its signature flipped: proof of possession fails. */
    public static byte[] withBrokenSignature(PKCS10CertificationRequest csr) {
        byte[] der = der(csr);
        der[der.length - 3] ^= 0x01;
        return Base64.getEncoder().encode(der);
    }
}
