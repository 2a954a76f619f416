package dev.estserver.service.ca;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Collection;
import java.util.stream.Collectors;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/** Subject alternative names as openssl prints them ({@code DNS:host, IP:127.0.0.1}), for records and messages. */
public final class SubjectAltNames {

    private SubjectAltNames() {
    }

    public static String describe(GeneralNames names) {
        return describe(Arrays.asList(names.getNames()));
    }

    public static String describe(Collection<GeneralName> names) {
        return names.stream().map(SubjectAltNames::describe).sorted().collect(Collectors.joining(", "));
    }

    public static String describe(GeneralName name) {
        return switch (name.getTagNo()) {
            case GeneralName.dNSName -> "DNS:" + name.getName();
            case GeneralName.rfc822Name -> "email:" + name.getName();
            case GeneralName.uniformResourceIdentifier -> "URI:" + name.getName();
            case GeneralName.iPAddress -> "IP:" + ip(ASN1OctetString.getInstance(name.getName()).getOctets());
            case GeneralName.directoryName -> "DirName:" + name.getName();
            default -> "othername:" + name.getName();
        };
    }

    /** An IP address SAN as text (dotted IPv4, or IPv6). */
    public static String ip(byte[] octets) {
        try {
            return InetAddress.getByAddress(octets).getHostAddress();
        } catch (UnknownHostException e) {
            return Arrays.toString(octets);
        }
    }
}
