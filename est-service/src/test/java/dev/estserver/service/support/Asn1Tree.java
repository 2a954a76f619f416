package dev.estserver.service.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Null;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.BERTags;

/**
 * A DER value as an indented tree, one element a line, so that tests state expected ASN.1 exactly and readably.
 * Context tags show their contents as written on the wire (IMPLICIT and EXPLICIT alike); an OCTET STRING that holds
 * DER shows it, as dumpasn1's "encapsulates" does. The OIDs the tests meet carry their names, written here
 * independently of the code under test.
 */
public final class Asn1Tree {

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("1.2.840.113549.1.9.7", "challengePassword"),
            Map.entry("1.2.840.113549.1.9.14", "extensionRequest"),
            Map.entry("1.2.840.113549.1.9.16.2.56", "otpChallenge"),
            Map.entry("1.2.840.113549.1.9.16.2.61", "certificationRequestInfoTemplate"),
            Map.entry("1.2.840.113549.1.9.16.2.62", "extensionReqTemplate"),
            Map.entry("1.2.840.113549.1.1.1", "rsaEncryption"),
            Map.entry("1.2.840.113549.1.1.11", "sha256WithRSAEncryption"),
            Map.entry("1.2.840.10045.2.1", "ecPublicKey"),
            Map.entry("1.2.840.10045.3.1.7", "secp256r1"),
            Map.entry("1.3.132.0.34", "secp384r1"),
            Map.entry("1.3.132.0.35", "secp521r1"),
            Map.entry("1.2.840.10045.4.3.2", "ecdsa-with-SHA256"),
            Map.entry("1.2.840.10045.4.3.3", "ecdsa-with-SHA384"),
            Map.entry("1.2.840.10045.4.3.4", "ecdsa-with-SHA512"),
            Map.entry("1.3.101.112", "Ed25519"),
            Map.entry("2.5.4.3", "commonName"),
            Map.entry("2.5.4.5", "serialNumber"),
            Map.entry("2.5.4.10", "organizationName"),
            Map.entry("2.5.29.17", "subjectAltName"));

    private Asn1Tree() {
    }

    /** The tree of {@code der}, which must be exactly one DER value with nothing after it. */
    public static String of(byte[] der) {
        ASN1Primitive value = parseExactly(der);
        if (value == null) {
            throw new AssertionError("not a single DER value: " + HexFormat.of().formatHex(der));
        }
        StringBuilder out = new StringBuilder();
        render(value, "", out);
        return out.toString();
    }

    private static void render(ASN1Primitive value, String indent, StringBuilder out) {
        switch (value) {
            case ASN1Sequence sequence -> children("SEQUENCE", sequence.toArray(), indent, out);
            case ASN1Set set -> children("SET", set.toArray(), indent, out);
            case ASN1TaggedObject tagged when constructed(tagged) -> children("[" + tagged.getTagNo() + "]",
                    ((ASN1Sequence) tagged.getBaseUniversal(false, BERTags.SEQUENCE)).toArray(), indent, out);
            case ASN1TaggedObject tagged -> line(indent, "[" + tagged.getTagNo() + "] " + text(
                    ((ASN1OctetString) tagged.getBaseUniversal(false, BERTags.OCTET_STRING)).getOctets()), out);
            case ASN1OctetString octets -> {
                ASN1Primitive inner = parseExactly(octets.getOctets());
                if (inner == null) {
                    line(indent, "OCTET STRING " + text(octets.getOctets()), out);
                } else {
                    line(indent, "OCTET STRING encapsulates", out);
                    render(inner, indent + "  ", out);
                }
            }
            case ASN1ObjectIdentifier oid -> line(indent, "OID " + oid.getId()
                    + (NAMES.containsKey(oid.getId()) ? " " + NAMES.get(oid.getId()) : ""), out);
            case ASN1Integer integer -> line(indent, "INTEGER " + integer.getValue(), out);
            case ASN1BitString bits -> line(indent, "BIT STRING " + text(bits.getOctets()), out);
            case ASN1Null ignored -> line(indent, "NULL", out);
            case ASN1String string -> line(indent, value.getClass().getSimpleName() + " '" + string.getString() + "'",
                    out);
            default -> line(indent, value.getClass().getSimpleName() + " " + value, out);
        }
    }

    private static void children(String head, ASN1Encodable[] elements, String indent, StringBuilder out) {
        line(indent, head, out);
        for (ASN1Encodable element : elements) {
            render(element.toASN1Primitive(), indent + "  ", out);
        }
    }

    private static void line(String indent, String text, StringBuilder out) {
        out.append(indent).append(text).append('\n');
    }

    private static String text(byte[] octets) {
        return octets.length == 0 ? "(empty)" : HexFormat.of().formatHex(octets);
    }

    private static boolean constructed(ASN1TaggedObject tagged) {
        try {
            return (tagged.getEncoded()[0] & BERTags.CONSTRUCTED) != 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The single DER value {@code bytes} hold, or null when they hold anything else. */
    private static ASN1Primitive parseExactly(byte[] bytes) {
        try {
            ASN1Primitive value = ASN1Primitive.fromByteArray(bytes);
            return Arrays.equals(value.getEncoded("DER"), bytes) ? value : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
