package dev.estserver.service.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/** Subject attributes by their upper-case short names (CN, O, SERIALNUMBER, E), as profile rules name them. */
public final class SubjectAttributes {

    private SubjectAttributes() {
    }

    /** The canonical name of an attribute written as a short name ({@code cn}) or an OID ({@code 2.5.4.3}). */
    public static String canonicalName(String name) {
        return nameOf(oid(name));
    }

    /** The attribute type of a short name ({@code CN}) or an OID ({@code 2.5.4.3}), canonical names included. */
    public static ASN1ObjectIdentifier oid(String name) {
        try {
            return Character.isDigit(name.charAt(0)) ? new ASN1ObjectIdentifier(name)
                    : BCStyle.INSTANCE.attrNameToOID(name);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown subject attribute '" + name
                    + "'; use a short name such as CN, O, OU, C, L, ST, SERIALNUMBER, E, or an OID");
        }
    }

    /** Attribute name to values, in the order they appear. */
    public static Map<String, List<String>> of(X500Name subject) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (RDN rdn : subject.getRDNs()) {
            for (AttributeTypeAndValue attribute : rdn.getTypesAndValues()) {
                values.computeIfAbsent(nameOf(attribute.getType()), k -> new ArrayList<>())
                        .add(text(attribute.getValue()));
            }
        }
        return values;
    }

    private static String nameOf(ASN1ObjectIdentifier oid) {
        String display = BCStyle.INSTANCE.oidToDisplayName(oid);
        return display == null ? oid.getId() : display.toUpperCase(Locale.ROOT);
    }

    private static String text(ASN1Encodable value) {
        return value instanceof ASN1String string ? string.getString() : IETFUtils.valueToString(value);
    }
}
