package dev.estserver.service.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

import dev.estserver.service.ca.SubjectAltNames;

/** Subject alternative names by type (dns, ip, email, uri, dirname, othername, rid), as profile rules name them. */
public final class SubjectAltNameTypes {

    public static final Set<String> NAMES = Set.of("dns", "ip", "email", "uri", "dirname", "othername", "rid");

    private SubjectAltNameTypes() {
    }

    /** Type to values, in the order they appear. */
    public static Map<String, List<String>> of(Optional<GeneralNames> names) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        names.ifPresent(n -> {
            for (GeneralName name : n.getNames()) {
                values.computeIfAbsent(type(name), k -> new ArrayList<>()).add(value(name));
            }
        });
        return values;
    }

    public static String type(GeneralName name) {
        return switch (name.getTagNo()) {
            case GeneralName.dNSName -> "dns";
            case GeneralName.iPAddress -> "ip";
            case GeneralName.rfc822Name -> "email";
            case GeneralName.uniformResourceIdentifier -> "uri";
            case GeneralName.directoryName -> "dirname";
            case GeneralName.registeredID -> "rid";
            default -> "othername";
        };
    }

    private static String value(GeneralName name) {
        return name.getTagNo() == GeneralName.iPAddress
                ? SubjectAltNames.ip(ASN1OctetString.getInstance(name.getName()).getOctets())
                : name.getName().toString();
    }
}
