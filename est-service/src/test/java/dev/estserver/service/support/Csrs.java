package dev.estserver.service.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.util.Base64;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.CertificationRequest;
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

import dev.estserver.service.crypto.Crypto;
import dev.estserver.service.ca.PemFiles;
import dev.estserver.service.ca.SignatureAlgorithms;

/** PKCS#10 requests as devices make them, in each body shape clients send. */
public final class Csrs {

    private Csrs() {
    }

    /** A CSR for {@code subject} (a DN such as "CN=dev-1", or "" for none) with DNS names as SANs. */
    public static PKCS10CertificationRequest csr(KeyPair keys, String subject, String... dnsNames) {
        return csr(keys, subject, List.of(), dnsNames);
    }

    /** A CSR for {@code subject} carrying the given attributes and DNS names as SANs. */
    public static PKCS10CertificationRequest csr(KeyPair keys, String subject, List<Attribute> attributes,
            String... dnsNames) {
        var builder = new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), keys.getPublic());
        for (Attribute attribute : attributes) {
            builder.addAttribute(attribute.getAttrType(), attribute.getAttributeValues());
        }
        if (dnsNames.length > 0) {
            GeneralName[] names = new GeneralName[dnsNames.length];
            for (int i = 0; i < dnsNames.length; i++) {
                names[i] = new GeneralName(GeneralName.dNSName, dnsNames[i]);
            }
            ExtensionsGenerator extensions = new ExtensionsGenerator();
            try {
                extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
        }
        return sign(builder, keys);
    }

    /** A CSR for {@code subject} carrying the given attributes (challengePassword, otpChallenge, ...). */
    public static PKCS10CertificationRequest withAttributes(KeyPair keys, String subject, Attribute... attributes) {
        return csr(keys, subject, List.of(attributes));
    }

    /** An attribute with a single value. */
    public static Attribute attribute(ASN1ObjectIdentifier type, ASN1Encodable value) {
        return new Attribute(type, new DERSet(value));
    }

    /** A PKCS#9 challengePassword attribute as a UTF8String. */
    public static Attribute challengePassword(String password) {
        return attribute(PKCSObjectIdentifiers.pkcs_9_at_challengePassword, new DERUTF8String(password));
    }

    /** An RFC 7894 otpChallenge attribute (UTF8String) carrying a one-time enrollment code. */
    public static Attribute otpChallenge(String code) {
        return attribute(PKCSObjectIdentifiers.id_aa_otpChallenge, new DERUTF8String(code));
    }

    private static PKCS10CertificationRequest sign(JcaPKCS10CertificationRequestBuilder builder, KeyPair keys) {
        try {
            return builder.build(new JcaContentSignerBuilder(SignatureAlgorithms.forKey(keys.getPrivate()))
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
    public static PKCS10CertificationRequest brokenSignature(PKCS10CertificationRequest csr) {
        byte[] der = der(csr);
        der[der.length - 3] ^= 0x01;
        return new PKCS10CertificationRequest(CertificationRequest.getInstance(der));
    }

    /** {@link #brokenSignature} as a client sends it, in base64. */
    public static byte[] withBrokenSignature(PKCS10CertificationRequest csr) {
        return Base64.getEncoder().encode(der(brokenSignature(csr)));
    }
}
